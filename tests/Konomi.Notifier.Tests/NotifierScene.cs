using Konomi.Emulators.Slack;
using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Notifier.Tests;

/// <summary>What a notifier test starts from: a real SQLite ledger, the Slack emulator and a fake clock at noon in Tokyo.</summary>
public abstract class NotifierScene : IAsyncLifetime
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected readonly TestStore _store = TestStore.Sqlite();
    protected readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2025-06-01T03:00:00Z"));
    protected readonly Guid _run = Guid.NewGuid();
    protected SlackEmulator _slack = null!;

    public async ValueTask InitializeAsync() => _slack = await SlackEmulator.StartAsync(Ct);

    /// <summary>The user "me", whose works go to the emulator's general channel.</summary>
    protected async Task AddMeAsync() => await _store.AddUserAsync(new UserProfile("me", Channel: _slack.GeneralChannel));

    public async ValueTask DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _store.DisposeAsync();
    }
}
