using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Trainer.Tests;

/// <summary>
/// Labels that reach the store without a <c>FeedbackReceived</c> (<c>konomi label</c>, an import, a lost message) are
/// trained within <c>Trainer:LabelCheck</c> + <c>Trainer:Debounce</c>. The retrain loop is driven tick by tick (one
/// second each, as its timer does) on a fake clock.
/// </summary>
public sealed class LabelWatchTests : IAsyncDisposable
{
    static readonly TimeSpan LabelCheck = TimeSpan.FromMinutes(1);
    static readonly TimeSpan Debounce = TimeSpan.FromMinutes(2);

    readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    readonly FakeLoggerProvider _logs = new();
    readonly TrainerFixture _trainer;

    public LabelWatchTests() => _trainer = new TrainerFixture(new Dictionary<string, string?>
    {
        ["Trainer:LabelCheck"] = LabelCheck.ToString(),
        ["Trainer:Debounce"] = Debounce.ToString(),
    }, _time, _logs);

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    RetrainLoop Loop => _trainer.Get<RetrainLoop>();

    [Fact]
    public async Task Labels_written_straight_to_the_store_are_trained_within_the_label_check_and_the_debounce()
    {
        await Loop.RetrainDueAsync(Ct);
        await _trainer.LabelAsync("alice", 0, 24, Ct);

        var trainedAfter = await TickUntilServingAsync("alice", LabelCheck + Debounce);

        trainedAfter.ShouldNotBeNull($"alice's 24 labels untrained after {LabelCheck + Debounce}");
        trainedAfter.Value.ShouldBeGreaterThanOrEqualTo(Debounce, "retraining is debounced as a click's is");
        Trainings("alice").ShouldBe(1);
    }

    [Fact]
    public async Task A_user_the_schedule_trains_at_start_is_not_trained_again_when_the_watch_notices_the_same_labels()
    {
        await _trainer.LabelAsync("alice", 0, 24, Ct);

        await Loop.RetrainDueAsync(Ct);
        (await _trainer.Registry.FindServingAsync("alice", Ct)).ShouldNotBeNull();
        await TickAsync(3 * (LabelCheck + Debounce));

        Trainings("alice").ShouldBe(1);
    }

    [Fact]
    public async Task Labels_whose_clicks_also_came_as_messages_train_the_user_once()
    {
        await Loop.RetrainDueAsync(Ct);
        await _trainer.LabelAsync("alice", 0, 24, Ct);
        // What FeedbackReceivedConsumer does for each click; ten of them make alice due at once.
        for (var i = 0; i < 24; i++)
            _trainer.Get<RetrainPlan>().Feedback("alice");

        await TickAsync(3 * (LabelCheck + Debounce));

        (await _trainer.Registry.FindServingAsync("alice", Ct)).ShouldNotBeNull();
        Trainings("alice").ShouldBe(1);
    }

    [Fact]
    public async Task New_labels_after_a_training_are_noticed_and_trained_again()
    {
        await _trainer.LabelAsync("alice", 0, 24, Ct);
        await Loop.RetrainDueAsync(Ct);
        await TickAsync(LabelCheck + Debounce);

        await _trainer.LabelAsync("alice", 100, 5, Ct);
        await TickAsync(LabelCheck + Debounce);

        Trainings("alice").ShouldBe(2);
    }

    [Fact]
    public async Task A_label_store_that_is_away_does_not_stop_the_watch()
    {
        await Loop.RetrainDueAsync(Ct);
        await _trainer.LabelAsync("alice", 0, 24, Ct);
        // The next three looks fail as an unreachable database would; the fourth is answered.
        _trainer.Labels.FailNextReads(3);

        var trainedAfter = await TickUntilServingAsync("alice", 4 * LabelCheck + Debounce);

        trainedAfter.ShouldNotBeNull("the watch stopped after the store failed");
        _logs.Lines().Count(l => l.Contains("Looking for changed labels failed")).ShouldBe(3);
        Trainings("alice").ShouldBe(1);
    }

    /// <summary>Ticks until <paramref name="userId"/> has a serving model; how long that took, or null after <paramref name="within"/>.</summary>
    async Task<TimeSpan?> TickUntilServingAsync(string userId, TimeSpan within)
    {
        for (var waited = TimeSpan.Zero; waited < within;)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            waited += TimeSpan.FromSeconds(1);
            await Loop.RetrainDueAsync(Ct);
            if (await _trainer.Registry.FindServingAsync(userId, Ct) is not null)
                return waited;
        }
        return null;
    }

    async Task TickAsync(TimeSpan span)
    {
        for (var waited = TimeSpan.Zero; waited < span; waited += TimeSpan.FromSeconds(1))
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Loop.RetrainDueAsync(Ct);
        }
    }

    /// <summary>Trainings of the user the loop ran, whatever came of them (a version, or "nothing new").</summary>
    int Trainings(string userId) =>
        _logs.Lines().Count(l => l.Contains(nameof(RetrainLoop)) && (l.Contains($"Retrained {userId}:") || l.Contains($"No model trained for {userId} yet")));

    public async ValueTask DisposeAsync()
    {
        await _trainer.DisposeAsync();
        _logs.Dispose();
    }
}
