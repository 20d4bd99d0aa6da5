using System.CommandLine;
using System.Text.Json.Nodes;
using Konomi.Slack;
using Microsoft.Extensions.Options;

namespace Konomi.Cli.Commands;

/// <summary>
/// <c>konomi slack check [--to U…|C…]</c>: is the Slack app set up? The bot token (auth.test), its scopes (Slack's
/// x-oauth-scopes header), the app-level token for Socket Mode (apps.connections.open), and optionally a test message.
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
            using var host = builder.Build();
            var options = host.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
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
                Line(false, $"bot token: Slack says {e.Error}" + (e.Error is "invalid_auth" or "not_authed" ? " (copy the Bot User OAuth Token again)" : ""));
            }

            if (string.IsNullOrWhiteSpace(options.AppToken))
                Line(!string.IsNullOrWhiteSpace(options.SigningSecret), string.IsNullOrWhiteSpace(options.SigningSecret)
                    ? "clicks: neither Slack:AppToken (Socket Mode) nor Slack:SigningSecret (HTTP) is set, so 興味あり!/別に… clicks are not heard"
                    : "clicks: HTTP mode (Slack:SigningSecret set; Slack must reach /slack/interactions)");
            else
                try
                {
                    await slack.OpenSocketConnectionAsync(ct);
                    Line(true, "app token: Socket Mode connection granted (clicks are heard without a public URL)");
                }
                catch (SlackApiException e)
                {
                    Line(false, $"app token: Slack says {e.Error}" + (e.Error == "not_allowed_token_type" ? " (Slack:AppToken must be the xapp-… app-level token with connections:write)" : ""));
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
                    Line(false, $"test message to {target}: Slack says {e.Error}" + (e.Error == "not_in_channel" ? " (invite the bot: /invite @konomi)" : ""));
                }
            return ok ? Cli.Ok : Cli.Error;
        });
        return Cli.Example(command, "Slack__BotToken=xoxb-… Slack__AppToken=xapp-… konomi slack check", "konomi slack check --to U012ABCDEF");
    }
}
