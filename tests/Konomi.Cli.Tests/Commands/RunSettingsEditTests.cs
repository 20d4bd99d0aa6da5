using System.Net;
using System.Text.Json.Nodes;
using Konomi.Emulators.Slack;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary>The appsettings.json beside a running <c>konomi run</c> edited meanwhile, as a person adding a token does.</summary>
public sealed class RunSettingsEditTests
{
    const string Secret = "run-signing-secret";
    const string Work = "RJ01000001";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static string Settings(string slack) => $$"""
        {
          "Feedback": { "Mode": "http" },
          "Slack": { {{slack}} },
          "Crawler": { "ScheduleEnabled": false },
          "Users": [ { "UserId": "me", "SlackUserId": "U0ME" } ]
        }
        """;

    [Fact]
    public async Task A_setting_misspelt_in_appsettings_while_konomi_runs_stops_no_click_and_the_next_start_names_it()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IWorkStore>().AddAsync(Sample.Work(Work), Guid.NewGuid(), Ct);
        var dataDir = store.Settings["Storage:DataDirectory"]!;
        var folder = Directory.CreateTempSubdirectory("konomi-settings-").FullName;
        var file = Path.Combine(folder, "appsettings.json");
        await File.WriteAllTextAsync(file, Settings($"\"SigningSecret\": \"{Secret}\""), Ct);
        string[] run = ["run", "--data-dir", dataDir, "--base-url", "http://127.0.0.1:9/"];
        var pressed = DateTimeOffset.UtcNow;
        var sent = 0;

        await using (var konomi = ServiceProcess.StartKonomi(run, new Dictionary<string, string?>(), folder))
        {
            await konomi.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), Ct);
            using var http = new HttpClient { BaseAddress = konomi.BaseAddress };
            var slack = new SlackInteractionSender(http, Secret);
            async Task PressAsync()
            {
                pressed = pressed.AddSeconds(1);
                var press = SlackInteraction.ButtonPress("U0ME", sent % 2 == 0 ? "feedback.interested" : "feedback.not_interested",
                    $"{Work}|me|ngram|1", "fb:" + Work, "D0ME", "1700000000.000100", [], pressed);
                using var response = await slack.SendAsync(press, DateTimeOffset.UtcNow, Ct);
                sent++;
                response.StatusCode.ShouldBe(HttpStatusCode.OK, $"press {sent} after the edit:\n{konomi.Output}");
            }
            await PressAsync();

            // A key misspelt while adding the bot token, saved while konomi runs.
            await File.WriteAllTextAsync(file, Settings($"\"SigningSecret\": \"{Secret}\", \"BotTokn\": \"xoxb-1-2-3\""), Ct);
            // Presses go on until konomi says it saw the edit: each is answered and stored, none refused.
            await Eventually.HoldsAsync(async () =>
            {
                await PressAsync();
                return konomi.Output.Contains("appsettings.json changed while konomi runs");
            }, "konomi to say it saw the edit", Eventually.DefaultWithin, () => konomi.Output, Ct);
            await PressAsync();

            (await store.Get<ILabelStore>().HistoryAsync("me", Work, Ct)).Count.ShouldBe(sent);
            konomi.HasExited.ShouldBeFalse();
            (await http.GetAsync("/", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await konomi.StopAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, konomi.Output);
        }

        // The next start reads the file and refuses the key, in the one line every bad setting gets.
        await using var again = ServiceProcess.StartKonomi(run, new Dictionary<string, string?>(), folder);
        (await again.WaitForExitAsync(TimeSpan.FromSeconds(60), Ct)).ShouldBe(1, again.Output);
        again.Errors.ShouldContain("konomi: configuration: Slack:BotTokn is not a setting; did you mean Slack:BotToken?", again.Output);
    }
}
