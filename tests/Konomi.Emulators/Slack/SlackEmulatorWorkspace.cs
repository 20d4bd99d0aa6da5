using System.Globalization;
using System.Text.Json.Nodes;

namespace Konomi.Emulators.Slack;

// The emulated workspace: channels, users, their DM channels and the messages in them.
public sealed partial class SlackEmulator
{
    readonly HashSet<string> _channels = [];
    readonly Dictionary<string, string> _directMessages = [];
    readonly List<EmulatedMessage> _messages = [];
    readonly List<EmulatedMessage> _updates = [];
    readonly List<EphemeralMessage> _ephemeral = [];
    long _lastMicroseconds;
    int _nextId;

    /// <summary>Every message as it stands now, in posting order.</summary>
    public IReadOnlyList<EmulatedMessage> Messages
    {
        get { lock (_gate) return [.. _messages]; }
    }

    /// <summary>Every accepted chat.update, in order, with the blocks it set.</summary>
    public IReadOnlyList<EmulatedMessage> Updates
    {
        get { lock (_gate) return [.. _updates]; }
    }

    /// <summary>Every accepted chat.postEphemeral, in order: seen only by its user, never in <see cref="Messages"/>.</summary>
    public IReadOnlyList<EphemeralMessage> Ephemeral
    {
        get { lock (_gate) return [.. _ephemeral]; }
    }

    /// <summary>Warnings Slack would have put in response_metadata (e.g. missing_charset).</summary>
    public IReadOnlyList<string> Warnings
    {
        get { lock (_gate) return [.. _warnings]; }
    }

    readonly List<string> _warnings = [];
    readonly HashSet<string> _unreachableImageHosts = [];

    /// <summary>Images on this host cannot be downloaded by Slack: a message showing one is refused with invalid_blocks.</summary>
    public void MakeImagesUnreachable(string host)
    {
        lock (_gate) _unreachableImageHosts.Add(host);
    }

    readonly HashSet<string> _withoutBot = [];

    /// <summary>
    /// A public channel. Without the bot in it, as before someone types <c>/invite @app</c>, chat.postMessage and
    /// conversations.history there answer <c>not_in_channel</c>, as Slack does for a bot token.
    /// </summary>
    public string AddChannel(bool botIsMember = true)
    {
        lock (_gate)
        {
            var id = $"C{++_nextId:D8}";
            _channels.Add(id);
            if (!botIsMember)
                _withoutBot.Add(id);
            return id;
        }
    }

    /// <summary>Someone invites the bot to <paramref name="channel"/>: posting there works from now on.</summary>
    public void InviteBot(string channel)
    {
        lock (_gate) _withoutBot.Remove(channel);
    }

    bool BotIsIn(string channel)
    {
        lock (_gate) return !_withoutBot.Contains(channel);
    }

    /// <summary>A workspace member: conversations.open with this id opens a DM channel.</summary>
    public string AddUser()
    {
        lock (_gate)
        {
            var id = $"U{++_nextId:D8}";
            _directMessages[id] = $"D{_nextId:D8}";
            return id;
        }
    }

    /// <summary>The DM channel conversations.open gives for <paramref name="slackUserId"/>.</summary>
    public string DirectMessageChannel(string slackUserId)
    {
        lock (_gate) return _directMessages[slackUserId];
    }

    bool ChannelExists(string channel) => channel == GeneralChannel || _channels.Contains(channel) || _directMessages.ContainsValue(channel);

    EmulatedMessage Post(string channel, string text, JsonArray blocks, JsonObject? metadata = null)
    {
        lock (_gate)
        {
            var message = new EmulatedMessage(channel, NextTs(), text, blocks, DateTimeOffset.UtcNow, metadata);
            _messages.Add(message);
            return message;
        }
    }

    EphemeralMessage PostEphemeral(string channel, string user, string text, JsonArray blocks)
    {
        lock (_gate)
        {
            var message = new EphemeralMessage(channel, user, NextTs(), text, blocks);
            _ephemeral.Add(message);
            return message;
        }
    }

    EmulatedMessage? Update(string channel, string ts, string text, JsonArray blocks)
    {
        lock (_gate)
        {
            var index = _messages.FindIndex(m => m.Channel == channel && m.Ts == ts);
            if (index < 0)
                return null;
            var updated = _messages[index] with { Text = text, Blocks = blocks };
            _messages[index] = updated;
            _updates.Add(updated);
            return updated;
        }
    }

    // Slack's ts is the posting time, "seconds.microseconds", unique per channel (history's oldest/latest compare
    // against it); here unique and increasing across the workspace.
    string NextTs()
    {
        var now = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / 10;
        _lastMicroseconds = Math.Max(now, _lastMicroseconds + 1);
        return string.Create(CultureInfo.InvariantCulture, $"{_lastMicroseconds / 1_000_000}.{_lastMicroseconds % 1_000_000:D6}");
    }
}
