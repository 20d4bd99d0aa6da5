namespace Konomi.TasteModels.Learning;

/// <summary>
/// How the decision threshold is chosen from out-of-fold scores of the training data: the one with the
/// best F1 (default), or the highest one that still catches <see cref="TargetRecall"/> of the liked works.
/// </summary>
public sealed class ThresholdRule
{
    /// <summary>e.g. 0.95: "catch 95% of what the user likes"; null means maximise F1.</summary>
    public double? TargetRecall { get; set; }

    /// <summary>Folds inside the training data that give the out-of-fold scores the threshold is chosen on.</summary>
    public int InnerFolds { get; set; } = 3;

    /// <summary>
    /// The inner folds are dealt again, each time in another seeded order, until they give at least this many
    /// out-of-fold scores, at most <see cref="MaxDealings"/> times; the threshold and C are then chosen on every dealing
    /// together. Where the best cut falls among a few hundred scores depends on which works shared an inner fold: over
    /// seven dealings of one MovieLens user's inner folds, his F1 ran from 0.259 to 0.341 (docs/models.md, "Dealing the
    /// inner folds again"). Large training sets, whose cut is already steady, are dealt once and train no slower.
    /// </summary>
    public int OutOfFoldScores { get; set; } = 3000;

    public const int MaxDealings = 5;

    /// <summary>How many times the inner folds of <paramref name="examples"/> training rows are dealt.</summary>
    public int DealingsFor(int examples) =>
        examples <= 0 || examples >= OutOfFoldScores ? 1 : Math.Min(MaxDealings, (OutOfFoldScores + examples - 1) / examples);

    /// <summary>
    /// Share of bootstrap resamples of the out-of-fold scores on which the best F1 cut must beat posting everything
    /// for it to be kept; otherwise everything is posted. 0 keeps the best cut always.
    /// </summary>
    public double SureOfCut { get; set; } = 0.9;

    /// <summary>Resamples behind <see cref="SureOfCut"/>.</summary>
    const int Resamples = 200;

    /// <summary>
    /// The best-F1 threshold as the mean of the best cuts of <see cref="Resamples"/> bootstrap resamples of the
    /// out-of-fold scores (bagging): one cut on a few hundred labels is glued to where a handful of them fell.
    /// </summary>
    public bool Bagged { get; set; }

    /// <summary>
    /// Judge the cut against posting everything out of sample instead of by <see cref="SureOfCut"/>'s bootstrap: each of
    /// <see cref="InnerFolds"/> parts of the scores is decided by the best cut of the other parts, and the summed
    /// decisions must beat posting everything. The bootstrap resamples at a cut already chosen on the same scores, so
    /// it does not see that picking the best of many cuts is itself lucky.
    /// </summary>
    public bool CutOutOfSample { get; set; }

    /// <summary>
    /// Post when the calibrated chance of a like reaches half the best F1 (Lipton, Elkan &amp; Naryanaswamy 2014: with
    /// calibrated probabilities that is where the F1-optimal cut lies). The chance comes from Platt scaling of the
    /// out-of-fold scores, so the cut follows the whole score curve instead of where a handful of labels fell; the
    /// best F1 is the out-of-fold one. The cut must still beat posting everything (<see cref="SureOfCut"/>).
    /// </summary>
    public bool HalfBestF1 { get; set; }

    /// <summary>
    /// The threshold for <paramref name="scores"/>; with <paramref name="dealings"/> &gt; 1 they are that many equal runs of
    /// out-of-fold scores of the same works (row i and row i + works are one work), and resampling keeps a work's runs together.
    /// </summary>
    public double Choose(IReadOnlyList<double> scores, IReadOnlyList<bool> liked, int dealings = 1)
    {
        if (dealings < 1 || scores.Count % dealings != 0) throw new ArgumentException("Scores must be whole dealings of the same works.", nameof(dealings));
        if (HalfBestF1 && TargetRecall is null && liked.Contains(true) && liked.Contains(false)) return HalfBestF1Cut(scores, liked, dealings);
        if (!Bagged || TargetRecall is not null || liked.All(l => l) || !liked.Any(l => l)) return ChooseOnce(scores, liked, dealings);
        var cut = BaggedCut(scores, liked, dealings);
        return !CutHolds(scores, liked, cut, dealings) ? 0 : cut;
    }


    double HalfBestF1Cut(IReadOnlyList<double> scores, IReadOnlyList<bool> liked, int dealings)
    {
        var calibration = Evaluation.PlattScaling.Fit(scores, liked);
        var (_, _, bestF1) = Sweep(scores, liked, targetRecall: null);
        // Raw score whose calibrated chance is bestF1 / 2: the calibration is monotone, so invert it in logit space.
        var cut = Contracts.ScoreCalibration.Sigmoid((Contracts.ScoreCalibration.Logit(bestF1 / 2) - calibration.Intercept) / calibration.Slope);
        return scores.All(s => s >= cut) || !CutHolds(scores, liked, cut, dealings) ? 0 : cut;
    }

    double BaggedCut(IReadOnlyList<double> scores, IReadOnlyList<bool> liked, int dealings)
    {
        var random = new Random(17);
        var n = scores.Count;
        var works = n / dealings;
        var once = new ThresholdRule { InnerFolds = InnerFolds, SureOfCut = 0 };
        var (sample, sampleLiked) = (new double[n], new bool[n]);
        double sum = 0;
        var counted = 0;
        for (var b = 0; b < Resamples; b++)
        {
            for (var w = 0; w < works; w++)
            {
                var pick = random.Next(works);
                for (var d = 0; d < dealings; d++) (sample[d * works + w], sampleLiked[d * works + w]) = (scores[d * works + pick], liked[d * works + pick]);
            }
            if (!sampleLiked.Contains(true)) continue;
            sum += once.ChooseOnce(sample, sampleLiked, dealings);
            counted++;
        }
        return counted == 0 ? ChooseOnce(scores, liked, dealings) : sum / counted;
    }

    double ChooseOnce(IReadOnlyList<double> scores, IReadOnlyList<bool> liked, int dealings)
    {
        if (!liked.Contains(true)) return 1;
        var (order, bestCut, _) = Sweep(scores, liked, TargetRecall);
        var lowestIn = scores[order[bestCut]];
        // Posting everything is the cut below every score, and it also posts works scoring below every training one.
        if (TargetRecall is null && bestCut + 1 < order.Length && !CutHolds(scores, liked, lowestIn, dealings))
            return 0;
        // Midway to the next lower score, so the threshold is not glued to one training example.
        return bestCut + 1 < order.Length ? (lowestIn + scores[order[bestCut + 1]]) / 2 : lowestIn;
    }

    /// <summary>
    /// Scores highest first, and the last position of the best cut: the best F1, or with <paramref name="targetRecall"/>
    /// the first cut that catches that share of the liked works; a cut is only possible between distinct scores.
    /// </summary>
    static (int[] Order, int BestCut, double BestF1) Sweep(IReadOnlyList<double> scores, IReadOnlyList<bool> liked, double? targetRecall)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
        var positives = liked.Count(l => l);
        var (truePositives, bestCut, bestF1) = (0, 0, -1.0);
        for (var k = 0; k < order.Length; k++)
        {
            if (liked[order[k]]) truePositives++;
            if (k + 1 < order.Length && scores[order[k + 1]] == scores[order[k]]) continue;
            if (targetRecall is { } target)
            {
                if ((double)truePositives / positives >= target) { bestCut = k; break; }
                continue;
            }
            var f1 = 2.0 * truePositives / (k + 1 + positives);
            if (f1 > bestF1) (bestF1, bestCut) = (f1, k);
        }
        return (order, bestCut, bestF1);
    }

    bool CutHolds(IReadOnlyList<double> scores, IReadOnlyList<bool> liked, double cut, int dealings) =>
        CutOutOfSample ? BeatsPostingEverythingOutOfSample(scores, liked, dealings) : BeatsPostingEverything(scores, liked, cut, dealings);

    bool BeatsPostingEverythingOutOfSample(IReadOnlyList<double> scores, IReadOnlyList<bool> liked, int dealings)
    {
        var works = scores.Count / dealings;
        var once = new ThresholdRule { SureOfCut = 0 };
        var parts = Math.Max(2, InnerFolds);
        int truePositives = 0, falsePositives = 0, positives = liked.Count(l => l);
        for (var part = 0; part < parts; part++)
        {
            // Parts are of works, so a work's runs from other dealings never decide its own part.
            var rest = Enumerable.Range(0, scores.Count).Where(i => i % works % parts != part).ToArray();
            // A part whose rest holds no liked work has no cut to learn: it posts everything, as the fallback would.
            var cut = rest.Any(i => liked[i]) ? once.ChooseOnce([.. rest.Select(i => scores[i])], [.. rest.Select(i => liked[i])], dealings) : 0;
            foreach (var i in Enumerable.Range(0, scores.Count).Where(i => i % works % parts == part))
            {
                if (scores[i] < cut) continue;
                if (liked[i]) truePositives++;
                else falsePositives++;
            }
        }
        return 2.0 * truePositives / (truePositives + falsePositives + positives) > 2.0 * positives / (scores.Count + positives);
    }

    /// <summary>
    /// Whether posting only scores ≥ <paramref name="cut"/> has a higher F1 than posting everything on at least
    /// <see cref="SureOfCut"/> of bootstrap resamples of the out-of-fold scores. The best of many cuts on a few dozen
    /// labels is picked partly for its luck; when the liked share is high, posting everything is already near the
    /// best F1, and withholding works the user may like needs evidence that outlasts that luck.
    /// </summary>
    bool BeatsPostingEverything(IReadOnlyList<double> scores, IReadOnlyList<bool> liked, double cut, int dealings)
    {
        if (SureOfCut <= 0) return true;
        // Seeded: the same labels give the same threshold.
        var random = new Random(13);
        var n = scores.Count;
        var works = n / dealings;
        var better = 0.0;
        for (var b = 0; b < Resamples; b++)
        {
            int truePositives = 0, falsePositives = 0, positives = 0;
            // Works are resampled with all their dealings' scores: copies of one work are not independent evidence.
            for (var w = 0; w < works; w++)
            {
                var work = random.Next(works);
                for (var pick = work; pick < n; pick += works)
                {
                    if (liked[pick]) positives++;
                    if (scores[pick] < cut) continue;
                    if (liked[pick]) truePositives++;
                    else falsePositives++;
                }
            }
            var difference = 2.0 * truePositives / (truePositives + falsePositives + positives) - 2.0 * positives / (n + positives);
            better += positives == 0 || difference == 0 ? 0.5 : difference > 0 ? 1 : 0;
        }
        return better / Resamples >= SureOfCut;
    }
}
