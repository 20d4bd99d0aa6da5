using System.CommandLine;

namespace Konomi.Benchmarks;

/// <summary>
/// <c>--users</c>, <c>--sample</c>, <c>--sample-seed</c>: the listed MovieLens users plus fresh ones drawn with a seeded
/// shuffle from those with at least 200 ratings, so users nobody tuned for are measured in the same run. The seed is
/// printed, so a run can be repeated.
/// </summary>
public sealed class UserSample
{
    /// <summary>The users every benchmark here reports; a sample never repeats them.</summary>
    public static readonly int[] Reported = [448, 274, 68, 288];

    private readonly Option<int[]> _users;
    private readonly Option<int> _sample = new("--sample") { Description = "More users drawn at random from those with at least 200 ratings, never 448, 274, 68, 288 or a listed one" };
    private readonly Option<int?> _seed = new("--sample-seed") { Description = "Seed of the sample (default: a fresh one, printed)" };

    public UserSample(int[] users) =>
        _users = new("--users") { Description = "MovieLens users", DefaultValueFactory = _ => users, AllowMultipleArgumentsPerToken = true };

    public IEnumerable<Option> Options => [_users, _sample, _seed];

    public IReadOnlyList<int> Draw(ParseResult parse, string dataDirectory)
    {
        var users = parse.GetValue(_users)!;
        var sample = parse.GetValue(_sample);
        if (sample <= 0) return users;
        var seed = parse.GetValue(_seed) ?? Random.Shared.Next(1, 100_000);
        var drawn = MovieLensTasks.Sample(dataDirectory, users, sample, seed, minRatings: 200, exclude: Reported);
        Console.Error.WriteLine($"sample seed {seed}: users {string.Join(' ', drawn)}");
        return drawn;
    }
}
