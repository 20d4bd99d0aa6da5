using Konomi.Labelling;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Trainer.Tests;

public sealed class RetrainPlanTests
{
    readonly FakeTimeProvider _time = new();
    readonly RetrainPlan _plan;

    public RetrainPlanTests() => _plan = new RetrainPlan(
        Options.Create(new TrainerOptions { MinNewLabels = 3, Debounce = TimeSpan.FromMinutes(2) }), _time);

    [Fact]
    public void A_few_clicks_wait_until_the_user_has_been_quiet_for_the_debounce_time()
    {
        _plan.Feedback("alice");
        _time.Advance(TimeSpan.FromMinutes(1.5));
        _plan.Feedback("alice");
        _time.Advance(TimeSpan.FromMinutes(1.5));

        _plan.TakeDue().ShouldBeEmpty();

        _time.Advance(TimeSpan.FromMinutes(0.5));
        _plan.TakeDue().ShouldBe(["alice"]);
    }

    [Fact]
    public void Enough_new_labels_make_a_user_due_at_once()
    {
        _plan.Feedback("alice");
        _plan.Feedback("bob");
        _plan.Feedback("alice");
        _plan.Feedback("alice");

        _plan.TakeDue().ShouldBe(["alice"]);
    }

    [Fact]
    public void A_user_taken_for_retraining_is_not_due_again_until_new_feedback()
    {
        for (var i = 0; i < 3; i++)
            _plan.Feedback("alice");
        _plan.TakeDue().ShouldBe(["alice"]);

        _time.Advance(TimeSpan.FromHours(1));
        _plan.TakeDue().ShouldBeEmpty();

        _plan.Feedback("alice");
        _time.Advance(TimeSpan.FromMinutes(2));
        _plan.TakeDue().ShouldBe(["alice"]);
    }
}
