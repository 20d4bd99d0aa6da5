using System.Text.Json.Nodes;
using Konomi.Emulators.Slack;

/// <summary>
/// The Slack emulator driven from the terminal, for a person walking the README's Slack part without a workspace:
/// one line per command on stdin adds members and channels, invites the bot, lists the posts and presses their buttons
/// (over Socket Mode, or signed HTTP to Konomi's /slack/interactions when started with a signing secret).
/// </summary>
sealed class SlackConsole(SlackEmulator slack, Uri? interactionsUrl, string? signingSecret)
{
    public const string Help = """
        Slack emulator commands (one a line):
          member                      a workspace member (U…) with a DM channel
          channel                     a channel the bot is not in yet: posts there fail with not_in_channel
          invite C…                   /invite @konomi in that channel
          scopes S1,S2,…              the bot token's granted scopes from now on (auth.test's x-oauth-scopes)
          posts                       every message: channel, ts, text, buttons' works
          press U… yes|no TS [WORK]   U… presses 興味あり! (yes) or 別に… (no) on the message TS (the first work on it unless WORK)
        """;

    public async Task RunAsync(TextReader input, CancellationToken ct)
    {
        while (await input.ReadLineAsync(ct) is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            try
            {
                Console.WriteLine(await RunAsync(words, ct));
            }
            // Any command that fails (no such post or button, Konomi away) is told; the console keeps reading.
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Console.WriteLine($"slack: {e.Message}");
            }
        }
    }

    async Task<string> RunAsync(string[] words, CancellationToken ct) => (words[0], words.Length) switch
    {
        ("member", 1) => Member(),
        ("channel", 1) => $"channel {slack.AddChannel(botIsMember: false)} (the bot is not in it: `invite` it)",
        ("invite", 2) => Invite(words[1]),
        ("scopes", 2) => Scopes(words[1]),
        ("posts", 1) => Posts(),
        ("press", 4 or 5) => await PressAsync(words[1], words[2], words[3], words.Length == 5 ? words[4] : null, ct),
        _ => Help,
    };

    string Member()
    {
        var member = slack.AddUser();
        return $"member {member} (DM {slack.DirectMessageChannel(member)})";
    }

    string Invite(string channel)
    {
        slack.InviteBot(channel);
        return $"the bot is in {channel}";
    }

    string Scopes(string scopes)
    {
        slack.BotScopes.Clear();
        slack.BotScopes.AddRange(scopes.Split(',', StringSplitOptions.RemoveEmptyEntries));
        return "scopes " + string.Join(", ", slack.BotScopes);
    }

    // Each message with its current choice line (a redrawn message has one), then the replies only one member saw.
    string Posts() => slack.Messages.Count == 0
        ? "no posts yet"
        : string.Join(Environment.NewLine, slack.Messages.Select(m =>
                $"{m.Channel} {m.Ts} {m.Text.ReplaceLineEndings(" ")} [{string.Join(", ", FeedbackBlocks(m).Select(b => b.WorkId))}]{Choice(m)}")
            .Concat(slack.Ephemeral.Select(e => $"{e.Channel} {e.Ts} (only {e.User} sees) {e.Text.ReplaceLineEndings(" ")}")));

    static string Choice(EmulatedMessage message) =>
        string.Concat(message.Blocks.OfType<JsonObject>()
            .Where(b => b["type"]?.GetValue<string>() == "context")
            .SelectMany(b => b["elements"]?.AsArray().OfType<JsonObject>() ?? [])
            .Select(e => " | " + e["text"]?.GetValue<string>()));

    async Task<string> PressAsync(string member, string answer, string ts, string? workId, CancellationToken ct)
    {
        var action = answer switch { "yes" => "feedback.interested", "no" => "feedback.not_interested", _ => null };
        if (action is null) return "press: the answer is yes or no";
        if (slack.Messages.FirstOrDefault(m => m.Ts == ts) is not { } message) return $"press: no message {ts} (see `posts`)";
        var blocks = FeedbackBlocks(message).Where(b => workId is null || b.WorkId == workId).ToList();
        if (blocks.Count == 0)
            return $"press: message {ts} has no buttons{(workId is null ? "" : " for " + workId)}";
        var block = blocks[0];
        var button = block.Buttons.OfType<JsonObject>().Single(b => b["action_id"]?.GetValue<string>() == action);
        var press = SlackInteraction.ButtonPress(member, action, button["value"]!.GetValue<string>(), block.Id,
            message.Channel, message.Ts, message.Blocks, DateTimeOffset.UtcNow, message.Text);
        if (interactionsUrl is not null && signingSecret is not null)
        {
            using var http = new HttpClient { BaseAddress = interactionsUrl };
            using var answered = await new SlackInteractionSender(http, signingSecret).SendAsync(press, DateTimeOffset.UtcNow, ct);
            return $"pressed over HTTP: {(int)answered.StatusCode} {await answered.Content.ReadAsStringAsync(ct)}";
        }
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            var envelope = await slack.PushInteractionAsync(press, wait.Token);
            await slack.WaitForSocketAckAsync(envelope, wait.Token);
            return $"pressed over Socket Mode: {envelope} acknowledged";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException("no Socket Mode connection acknowledged the press within 10 s (is Slack__AppToken set?)");
        }
    }

    static IEnumerable<(string Id, string WorkId, JsonArray Buttons)> FeedbackBlocks(EmulatedMessage message) =>
        message.Blocks.OfType<JsonObject>()
            .Where(b => b["block_id"]?.GetValue<string>() is { } id && id.StartsWith("fb:", StringComparison.Ordinal) && b["elements"] is JsonArray)
            .Select(b => (b["block_id"]!.GetValue<string>(), b["block_id"]!.GetValue<string>()["fb:".Length..], b["elements"]!.AsArray()));
}
