using Konomi.TasteModels.Evaluation;
using Konomi.TasteModels.Learning;
using Konomi.TasteModels.Ngram;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Shared;

/// <summary>
/// Learning from everyone in a workspace: one <c>ngram</c> logistic regression fitted on the labels of every person
/// who shares, with a personal offset per person (<see cref="PersonalOffsets"/>), beside each person's own model.
/// Each person is then served whichever of the two ranked their own labels better out of fold inside the
/// training data. Someone alone, not sharing, or with too few labels of either answer to judge gets the
/// per-user model, byte for byte what <see cref="NgramFamily"/> trains. Another person's labels reach nobody
/// except through the fitted weights: a shared model for a person is an ordinary <c>ngram</c> model (w₀ + wᵤ).
/// </summary>
public sealed class SharedNgramFamily(IOptions<NgramOptions> options)
{
    private readonly NgramOptions _options = options.Value;
    private readonly NgramFamily _personal = new(options);

    public IReadOnlyList<UserTasteModel> Train(IReadOnlyList<UserExamples> users, CancellationToken ct = default)
    {
        var heads = users.Select(u => _personal.TrainHead(u.Examples, ct)).ToArray();
        var personalAp = users.Select((u, i) => heads[i].Head.OutOfFold is { } scores ? Ranking.AveragePrecision(scores, Liked(u.Examples)) : double.NaN).ToArray();
        var pooled = Enumerable.Range(0, users.Count).Where(i => users[i].Shares && CanPool(users[i].Examples)).ToArray();
        var shared = pooled.Length >= 2 ? FitShared(pooled.Select(i => users[i].Examples).ToArray(), ct) : [];
        return users.Select((user, i) =>
        {
            var (vectorizer, head) = heads[i];
            var personal = _personal.ModelOf(vectorizer, head);
            var k = Array.IndexOf(pooled, i);
            return k < 0 || shared.Length == 0
                ? new UserTasteModel(user.User, personal, null, personalAp[i], double.NaN)
                : new UserTasteModel(user.User, personal, shared[k].Model, personalAp[i], shared[k].AveragePrecision);
        }).ToArray();
    }

    /// <summary>
    /// Inner folds are drawn per person the way <see cref="LinearHead"/> draws them for the per-user model, so both
    /// are judged on the same splits; each inner fold fits its own vocabulary on its training rows. C is the one
    /// with the best mean per-person average precision; each person's threshold comes from their own out-of-fold scores.
    /// </summary>
    private (NgramModel Model, double AveragePrecision)[] FitShared(IReadOnlyList<IReadOnlyList<Example>> people, CancellationToken ct)
    {
        var userOf = people.SelectMany((examples, k) => examples.Select(_ => k)).ToArray();
        var examples = people.SelectMany(e => e).ToArray();
        var liked = examples.Select(e => e.Liked).ToArray();
        var folds = _options.Threshold.InnerFolds;
        var innerFold = people.SelectMany(e => InnerFolds.Assign(Liked(e), folds)).ToArray();
        var hashed = HashedInput.HashAll([.. examples.Select(e => e.Input)], _options);
        var cGrid = _options.CGrid;

        var outOfFold = cGrid.Select(_ => new double[examples.Length]).ToArray();
        Parallel.For(0, folds, new ParallelOptions { CancellationToken = ct }, fold =>
        {
            var train = Enumerable.Range(0, examples.Length).Where(i => innerFold[i] != fold).ToArray();
            var held = Enumerable.Range(0, examples.Length).Where(i => innerFold[i] == fold).ToArray();
            var (vectorizer, offsets, x, augmented) = Features(hashed, train, userOf, liked);
            var heldRows = vectorizer.Transform(hashed, held);
            var trainLiked = train.Select(i => liked[i]).ToArray();
            var votes = Votes(x, train, trainLiked);
            LinearModel? previous = null;
            for (var c = 0; c < cGrid.Count; c++)
            {
                previous = LogisticRegression.Fit(augmented, trainLiked, cGrid[c], previous, ct, relativeDecrease: _options.StopAtRelativeDecrease);
                var personModels = Enumerable.Range(0, people.Count).Select(k => PersonModel(k, offsets, previous, votes[k])).ToArray();
                for (var h = 0; h < held.Length; h++) outOfFold[c][held[h]] = personModels[userOf[held[h]]].Score(heldRows, h);
            }
        });

        var rowsOf = Enumerable.Range(0, people.Count).Select(k => Enumerable.Range(0, examples.Length).Where(i => userOf[i] == k).ToArray()).ToArray();
        double ApOf(double[] scores, int k) => Ranking.AveragePrecision([.. rowsOf[k].Select(i => scores[i])], [.. rowsOf[k].Select(i => liked[i])]);
        var best = Enumerable.Range(0, cGrid.Count).MaxBy(c => Enumerable.Range(0, people.Count).Average(k => ApOf(outOfFold[c], k)));

        var all = Enumerable.Range(0, examples.Length).ToArray();
        var (finalVectorizer, finalOffsets, finalX, finalRows) = Features(hashed, all, userOf, liked);
        var model = LogisticRegression.Fit(finalRows, liked, cGrid[best], ct: ct, relativeDecrease: _options.StopAtRelativeDecrease);
        var finalVotes = Votes(finalX, all, liked);
        return [.. Enumerable.Range(0, people.Count).Select(k =>
        {
            var threshold = _options.Threshold.Choose([.. rowsOf[k].Select(i => outOfFold[best][i])], [.. rowsOf[k].Select(i => liked[i])]);
            return (_personal.ModelOf(finalVectorizer, PersonModel(k, finalOffsets, model, finalVotes[k]), threshold), ApOf(outOfFold[best], k));
        })];

        // Each person's Naive-Bayes vote (NgramFamily's, counted on their own training rows only, from the same size on),
        // with the rows it is standardised over; null for a person whose labels are too few for one.
        (double[] Ratios, SparseRows Rows, double Weight)?[] Votes(SparseRows x, int[] rows, bool[] rowLiked) =>
        [.. Enumerable.Range(0, people.Count).Select(k =>
        {
            if (_options.VoteFor(people[k].Count) is not { } weight) return ((double[], SparseRows, double)?)null;
            var mine = Enumerable.Range(0, rows.Length).Where(r => userOf[rows[r]] == k).ToArray();
            var personRows = x.Select(mine);
            return (NaiveBayesVote.Ratios(personRows, [.. mine.Select(r => rowLiked[r])]), personRows, weight);
        })];
    }

    /// <summary>One person's view of the shared fit (w₀ + wᵤ, b + bᵤ), joined with their own vote when they have one.</summary>
    private static LinearModel PersonModel(int person, PersonalOffsets offsets, LinearModel fit, (double[] Ratios, SparseRows Rows, double Weight)? vote)
    {
        var (weights, bias) = offsets.For(person, fit);
        var model = new LinearModel(Array.ConvertAll(weights, w => (double)w), bias) { Converged = fit.Converged };
        return vote is { } v ? NaiveBayesVote.Join(model, v.Ratios, v.Rows, v.Weight) : model;
    }

    private (NgramVectorizer Vectorizer, PersonalOffsets Offsets, SparseRows X, SparseRows Augmented) Features(HashedInput[] hashed, int[] rows, int[] userOf, bool[] liked)
    {
        var vectorizer = NgramVectorizer.Fit(hashed, liked, rows, _options);
        var x = vectorizer.Transform(hashed, rows, liked);
        var users = rows.Select(i => userOf[i]).ToArray();
        var offsets = PersonalOffsets.Of(x, users);
        return (vectorizer, offsets, x, offsets.Augment(x, users));
    }

    /// <summary>Whether a person has enough labels of each answer for the shared model's inner folds to judge them.</summary>
    public bool CanPool(IReadOnlyList<Example> examples) => SmallerClass(examples) >= _options.Threshold.InnerFolds;

    private static bool[] Liked(IReadOnlyList<Example> examples) => [.. examples.Select(e => e.Liked)];

    private static int SmallerClass(IReadOnlyList<Example> examples) =>
        Math.Min(examples.Count(e => e.Liked), examples.Count(e => !e.Liked));
}
