using System.Diagnostics;
using System.Globalization;
using Konomi.Contracts;
using Konomi.Labelling;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.TasteModels.Evaluation;
using Konomi.TasteModels.Shared;

namespace Konomi.Benchmarks;

/// <summary>
/// Many MovieLens users at once (benchmarks.md tasks, fold = movieId mod 5): for each outer fold one workspace
/// training over every user's other folds gives each user a per-user model, a shared model with their offsets and
/// the one the training-data comparison picks; each is scored on the user's held-out fold. The scikit-learn peer
/// runs on the same per-user files in the same run; "post everything" is the trivial baseline. A second workspace
/// training per fold adds the co-like facet: from everyone else's labels (a held-out work's included: colleagues may
/// have clicked it first) and the user's own training labels only, never their held-out ones.
/// </summary>
public sealed class SharedBenchmark(string dataDirectory, SklearnPeer peer, SharedNgramFamily family)
{
    /// <param name="listed">Users always in the workspace (any number of ratings); the sample is drawn from the others.</param>
    public async Task<SharedBenchmarkResult> RunAsync(IReadOnlyList<int> listed, int minRatings, int sample, int seed, IProgress<BenchmarkProgress> progress, CancellationToken ct)
    {
        var (users, sampled) = Users(listed, minRatings, sample, seed);
        var tasks = MovieLensTasks.Tasks(dataDirectory, users);
        var folder = Directory.CreateTempSubdirectory("konomi-bench-shared-");
        try
        {
            var files = tasks.Select((task, i) => Path.Combine(folder.FullName, $"user{users[i]}.csv")).ToArray();
            foreach (var (task, path) in tasks.Zip(files))
            {
                await using var writer = new StreamWriter(path);
                LabelledCsv.Write(writer, task.Items.Select(item => (item.Id, item.Text, item.Liked, item.Fold)));
            }
            const int folds = 5;
            var steps = folds + 1;
            progress.Report(new BenchmarkProgress(0, steps, $"scikit-learn peer on {users.Count} users"));
            var peerResults = await peer.RunAsync([.. files.Select(f => ("movielens", f))], ct);

            var labels = tasks.SelectMany((task, i) => task.Items.Select(item => (User: i, item.Fold, Label: new Label(Name(users[i]), item.Id, item.Liked, DateTimeOffset.UnixEpoch, "movielens")))).ToArray();
            var everyone = users.Select(Name).ToHashSet();
            var measured = new List<SharedBenchmarkFold>();
            var trainSeconds = new List<double>();
            for (var fold = 0; fold < folds; fold++)
            {
                progress.Report(new BenchmarkProgress(fold + 1, steps, $"workspace training, fold {fold} ({users.Count} users)"));
                var training = tasks.Select((task, i) => new UserExamples(Name(users[i]),
                    [.. task.Items.Where(item => item.Fold != fold).Select(item => ToExample(item))])).ToArray();
                var clock = Stopwatch.StartNew();
                var models = family.Train(training, ct);
                trainSeconds.Add(clock.Elapsed.TotalSeconds);
                // Each user's co-likes: everyone else's labels, and of their own only the training folds'.
                var coLikes = users.Select((_, i) => new CoLikes(labels.Where(l => l.User != i || l.Fold != fold).Select(l => l.Label), everyone)).ToArray();
                var withCoLikes = TrainWithCoLikes(tasks, users, fold, coLikes, ct);
                // As the product meets a new work: nobody has labelled the held-out folds' works yet.
                var beforeAnyone = new CoLikes(labels.Where(l => l.Fold != fold).Select(l => l.Label), everyone);
                var withColdCoLikes = TrainWithCoLikes(tasks, users, fold, [.. users.Select(_ => beforeAnyone)], ct);
                for (var i = 0; i < tasks.Count; i++)
                {
                    var heldOut = tasks[i].Items.Where(item => item.Fold == fold).ToArray();
                    var test = heldOut.Select(item => ToExample(item)).ToArray();
                    if (!test.Any(e => e.Liked)) continue;
                    var testWithCoLikes = heldOut.Select(item => ToExample(item, coLikes[i].Facet(Name(users[i]), item.Id))).ToArray();
                    var testWithColdCoLikes = heldOut.Select(item => ToExample(item, beforeAnyone.Facet(Name(users[i]), item.Id))).ToArray();
                    measured.Add(new SharedBenchmarkFold(users[i], fold,
                        Measure(models[i].Personal, test), Measure(models[i].Shared ?? models[i].Personal, test), Measure(models[i].Model, test),
                        Measure(withCoLikes[i].Shared ?? withCoLikes[i].Personal, testWithCoLikes),
                        Measure(withColdCoLikes[i].Shared ?? withColdCoLikes[i].Personal, testWithColdCoLikes),
                        models[i].UsesShared, (double)test.Count(e => e.Liked) / test.Length));
                }
            }
            progress.Report(new BenchmarkProgress(steps, steps, "done"));
            return new SharedBenchmarkResult(minRatings, sampled, users, measured, peerResults, trainSeconds.Average()) { Listed = listed };
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private IReadOnlyList<UserTasteModel> TrainWithCoLikes(IReadOnlyList<BenchmarkTask> tasks, IReadOnlyList<int> users, int fold, IReadOnlyList<CoLikes> coLikes, CancellationToken ct) =>
        family.Train([.. tasks.Select((task, i) => new UserExamples(Name(users[i]),
            [.. task.Items.Where(item => item.Fold != fold).Select(item => ToExample(item, coLikes[i].Facet(Name(users[i]), item.Id)))]))], ct);

    private static Example ToExample(BenchmarkItem item, Facet? coLike = null) =>
        new(new TasteInput(item.Text, coLike is null ? [] : [coLike]), item.Liked);

    private static string Name(int user) => user.ToString(CultureInfo.InvariantCulture);

    private static ClassificationMetrics Measure(ITasteModel model, IReadOnlyList<Example> test) =>
        ClassificationMetrics.Measure([.. model.Predict([.. test.Select(e => e.Input)]).Select(p => p.Score)], [.. test.Select(e => e.Liked)], model.Threshold);

    /// <summary>
    /// The listed users, plus every other user with at least <paramref name="minRatings"/> ratings or a seeded random
    /// <paramref name="sample"/> of them (0: all).
    /// </summary>
    private (IReadOnlyList<int> Users, bool Sampled) Users(IReadOnlyList<int> listed, int minRatings, int sample, int seed)
    {
        var drawn = MovieLensTasks.Sample(dataDirectory, listed, sample <= 0 ? int.MaxValue : sample, seed, minRatings, exclude: []);
        // Fewer drawn than asked for means every eligible user was taken.
        return ([.. listed, .. drawn.Skip(listed.Count).Order()], sample > 0 && drawn.Length - listed.Count == sample);
    }
}

/// <summary>
/// One user's held-out fold as the per-user model, the shared model with offsets, the picked one, and the shared
/// model with a co-like facet (<see cref="CoLikes.Facet"/>) scored it: with other people's labels of the held-out
/// works, and with none (a new work nobody has labelled yet).
/// </summary>
public sealed record SharedBenchmarkFold(
    int User, int Fold, ClassificationMetrics Personal, ClassificationMetrics Shared, ClassificationMetrics Picked,
    ClassificationMetrics SharedCoLikes, ClassificationMetrics SharedColdCoLikes, bool PickedShared, double PositiveRate);
