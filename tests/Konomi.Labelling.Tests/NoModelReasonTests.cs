using Konomi.Storage.Ports;

namespace Konomi.Labelling.Tests;

/// <summary>The one wording of why no model serves a user, which Slack, <c>POST /score</c>, <c>konomi</c> and the web show.</summary>
public class NoModelReasonTests
{
    static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-01-05T12:00:00Z");

    static TasteModelVersion Version(int version, TasteModelStatus status, string reason, GateEvidence? gate = null) =>
        new("bob", version, "ngram", status,
            new ModelMetrics(22, 11, 5, 0.5, 0.5, 0.9, 0.67, 0.4, 0.42, 0.39) { F1Pooled = 0.4, AveragePrecision = 0.34, PostEverythingF1 = 0.667, Gate = gate },
            At, reason);

    [Theory]
    [InlineData(0, 0, "20 more labels needed for a first model, incl. at least 2 興味あり and 2 別に")]
    [InlineData(19, 1, "1 more label needed for a first model, incl. at least 1 興味あり")]
    [InlineData(21, 20, "1 more label needed for a first model, incl. at least 1 別に")]
    [InlineData(12, 6, "8 more labels needed for a first model")]
    [InlineData(20, 10, null)]
    public void Labels_still_missing_are_counted_by_the_trainer_s_rule(int labels, int liked, string? needed)
    {
        NoModelReason.Needed(labels, liked, minLabels: 20).ShouldBe(needed);
        NoModelReason.For([], labels, liked, minLabels: 20).ShouldBe(needed ?? "enough labels for a first model: it is trained next");
    }

    [Fact]
    public void A_first_model_the_gate_rejected_is_named_with_the_figures_it_was_judged_on_not_as_labels_missing()
    {
        var gate = new GateEvidence("cold start", 22, 11, 0.342, 0.5, 0.97, -0.3, -0.02);
        var rejected = Version(1, TasteModelStatus.Rejected, "worse: AP 0.342 vs cold start 0.500 on 22 fresh labels (11 liked)", gate);

        var why = NoModelReason.For([rejected], labels: 22, liked: 11, minLabels: 20);

        why.ShouldBe("model v1 was rejected by the promotion gate (F1 0.40 vs 0.67 posting everything; average precision 0.34 vs 0.50 "
            + "for cold start); keep labelling: new labels retrain it");
    }

    [Fact]
    public void A_rejection_without_the_gate_s_figures_gives_the_gate_s_own_reason()
    {
        var rejected = Version(2, TasteModelStatus.Rejected, "no version serves any more while it was judged against v1");

        NoModelReason.For([rejected, Version(1, TasteModelStatus.Retired, "rolled back")], 40, 20, 20)
            .ShouldBe("model v2 was rejected by the promotion gate (F1 0.40 vs 0.67 posting everything; no version serves any more while it was judged "
                + "against v1); keep labelling: new labels retrain it");
    }

    [Fact]
    public void A_retired_newest_version_or_one_still_judged_says_which_not_labels_missing()
    {
        NoModelReason.For([Version(3, TasteModelStatus.Retired, "rolled back")], 5, 1, 20).ShouldBe("model v3 was retired and no version serves");
        NoModelReason.For([Version(1, TasteModelStatus.Candidate, "")], 5, 1, 20).ShouldBe("model v1 is still being judged by the promotion gate");
    }

    [Fact]
    public void A_serving_version_here_is_one_that_could_not_be_used()
    {
        NoModelReason.For([Version(4, TasteModelStatus.Serving, "promoted")], 40, 20, 20)
            .ShouldBe("model v4 serves but could not be used, so this is scored without it");
    }
}
