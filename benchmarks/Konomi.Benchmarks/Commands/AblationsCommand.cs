using System.CommandLine;
using Konomi.Benchmarks.Ablations;
using Konomi.Cli.Terminal;

namespace Konomi.Benchmarks.Commands;

/// <summary><c>ablations</c>: each <c>ngram</c> feature option alone and together vs the scikit-learn peer, one run, one table.</summary>
public static class AblationsCommand
{
    public static Command Create()
    {
        var data = BenchmarkData.Option();
        var users = new UserSample([.. UserSample.Reported, 606, 387]);
        var livedoor = new Option<int>("--livedoor-documents") { Description = "Keep about this many livedoor articles (every k-th) so a run fits in minutes; 0 keeps all 7,367", DefaultValueFactory = _ => 0 };
        var only = new Option<string[]>("--variants") { Description = "Only the variants whose name contains one of these (the baseline always runs)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("ablations", "Each ngram feature option alone, the defaults, and the scikit-learn peer on livedoor and MovieLens users, same folds, one table") { data, livedoor, only };
        foreach (var option in users.Options) command.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var dataDirectory = BenchmarkData.Directory(parse.GetValue(data));
            var peer = new SklearnPeer(Path.Combine(BenchmarkData.RepositoryRoot(), "benchmarks", "peer", "sklearn_peer.py"));
            var chosen = users.Draw(parse, dataDirectory);
            var (konomi, peerRows) = await CommandProgress.ShowAsync("ablations", every: 1, display =>
                new AblationBenchmark(dataDirectory, peer, AblationVariant.Named(parse.GetValue(only))).RunAsync(chosen, parse.GetValue(livedoor),
                    new Reporter<BenchmarkProgress>(p => display.Report(p.Done, p.Total, $"{p.Step} ({p.Done}/{p.Total} steps)", milestone: true)), ct));
            Console.Out.WriteLine($"MovieLens users {string.Join(' ', chosen)}.");
            Console.Out.WriteLine();
            Console.Out.WriteLine(AblationTable.Render(konomi, peerRows));
            return 0;
        });
        return BenchmarkCommand.Example(command, "ablations --livedoor-documents 2000", "ablations --users 606 387 --sample 4 --sample-seed 7", "ablations --variants NBSVM \"inner AP\"");
    }
}
