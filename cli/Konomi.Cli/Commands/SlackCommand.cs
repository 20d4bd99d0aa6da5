using System.CommandLine;
using System.Text.Json.Nodes;
using Konomi.Feedback;
using Konomi.Settings;
using Konomi.Slack;
using Microsoft.Extensions.Options;

namespace Konomi.Cli.Commands;

/// <summary>
/// <c>konomi slack check [--to U…|C…]</c>: is the Slack app set up? The bot token (auth.test), its scopes (Slack's
/// x-oauth-scopes header), what the feedback mode needs to hear clicks (Socket Mode: the app-level token, by
/// apps.connections.open; HTTP: the signing secret), and optionally a test message. Every FAIL says what to do.
/// </summary>
public static class SlackCommand
{
    /// <summary>
    /// What the notifier and feedback need: post, open a direct message, and read the history of the conversations
    /// posted to (to find a post whose answer was lost instead of posting it twice). deploy/slack/manifest.yaml grants them.
    /// </summary>
    static readonly string[] RequiredScopes = ["chat:write", "im:write", "channels:history", "groups:history", "im:history"];

    public static Command Create() => new("slack", "Check the Slack app Konomi posts with")
    {
        Check(),
    };

    static Command Check()
    {
        var to = new Option<string?>("--to") { Description = "Send a test message to this member (U…) or channel (C…)" };
        var command = new Command("check", "Check the bot token, its scopes and the app token; optionally send a test message") { to };
        command.SetAction(async (parse, ct) =>
        {
            var builder = CommandHost.CreateBuilder(store: false);
            builder.Services.AddSlackApi();
            builder.Services.AddOptions<FeedbackOptions>().BindSettings(FeedbackOptions.Section);
            using var host = builder.Build();
            var options = host.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
            var mode = host.Services.GetRequiredService<IOptions<FeedbackOptions>>().Value.Mode;
            var slack = host.Services.GetRequiredService<ISlackApi>();
            var ok = true;
            void Line(bool good, string text)
            {
                ok &= good;
                Console.WriteLine($"{(good ? "ok  " : "FAIL")}  {text}");
            }

            if (string.IsNullOrWhiteSpace(options.BotToken))
            {
                Line(false, "bot token: Slack:BotToken is not set (Slack__BotToken=xoxb-…, from the app's OAuth & Permissions page)");
                return Cli.Error;
            }
            try
            {
                var identity = await slack.AuthTestAsync(ct);
                Line(true, $"bot token: {identity.User} ({identity.UserId}) in {identity.Team}");
                var missing = RequiredScopes.Except(identity.Scopes).ToList();
                Line(missing.Count == 0, missing.Count == 0
                    ? $"scopes: {string.Join(", ", identity.Scopes)}"
                    : $"scopes: missing {string.Join(", ", missing)} (has {string.Join(", ", identity.Scopes)}); add them under OAuth & Permissions and reinstall the app");
            }
            catch (SlackApiException e)
            {
                Line(false, $"bot token: Slack says {e.Error}{WhatToDo(e.Error)}");
            }

            // The feedback service hears clicks only the way Feedback:Mode says: a secret set for the other mode hears nothing.
            if (mode == FeedbackMode.Http)
                Line(!string.IsNullOrWhiteSpace(options.SigningSecret), string.IsNullOrWhiteSpace(options.SigningSecret)
                    ? "signing secret: Feedback:Mode is http but Slack:SigningSecret is not set, so 興味あり!/別に… clicks are refused "
                        + "(copy Basic Information → Signing Secret into Slack__SigningSecret)"
                    : "signing secret: set, clicks over HTTP (Slack's Request URL must reach /slack/interactions)");
            else if (string.IsNullOrWhiteSpace(options.AppToken))
                Line(false, "app token: Slack:AppToken is not set, so 興味あり!/別に… clicks are not heard in Socket Mode (Feedback:Mode socket, the default) "
                    + "(Basic Information → App-Level Tokens → generate one with connections:write, xapp-…, into Slack__AppToken; "
                    + "or Feedback__Mode=http with Slack__SigningSecret)");
            else
                try
                {
                    await slack.OpenSocketConnectionAsync(ct);
                    Line(true, "app token: Socket Mode connection granted (clicks are heard without a public URL)");
                }
                catch (SlackApiException e)
                {
                    Line(false, $"app token: Slack says {e.Error}" + (e.Error switch
                    {
                        "not_allowed_token_type" => " (Slack:AppToken must be the xapp-… app-level token with connections:write)",
                        _ when SlackErrors.RefusesTheApp(e.Error) => " (copy the app-level token again: Basic Information → App-Level Tokens)",
                        _ => "",
                    }));
                }

            if (parse.GetValue(to) is { } target)
                try
                {
                    var channel = target.StartsWith('U') || target.StartsWith('W') ? await slack.OpenDirectMessageAsync(target, ct) : target;
                    var posted = await slack.PostMessageAsync(channel, "Konomi: the Slack app is set up ✓",
                        [new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "*Konomi* can post here ✓" } }], ct: ct);
                    Line(true, $"test message: posted to {posted.Channel} (ts {posted.Ts})");
                }
                catch (SlackApiException e)
                {
                    Line(false, $"test message to {target}: Slack says {e.Error}{WhatToDo(e.Error)}");
                }
            return ok ? Cli.Ok : Cli.Error;
        });
        return Cli.Example(command, "Slack__BotToken=xoxb-… Slack__AppToken=xapp-… konomi slack check", "konomi slack check --to U012ABCDEF");
    }

    // What the person at the terminal does about a refusal of the bot token or of the test message's target.
    static string WhatToDo(string error) => error switch
    {
        "missing_scope" => " (add the scopes above under OAuth & Permissions and reinstall the app)",
        _ when SlackErrors.RefusesTheApp(error) =>
            " (copy the Bot User OAuth Token again: OAuth & Permissions; reinstall the app if it was removed)",
        "not_in_channel" => " (invite the bot there: /invite @your-app)",
        "is_archived" => " (unarchive the channel, or give another)",
        "channel_not_found" or "user_not_found" =>
            " (--to takes a member id, U…: their profile → ⋮ → Copy member ID; or a channel id, C…: the channel's details, at the bottom)",
        _ => "",
    };
}
