using System.CommandLine;
using Konomi.Cli.Terminal;
using Konomi.Hosting;
using Konomi.Storage.Ports;
using Konomi.Trainer;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Konomi.Cli.Commands;

/// <summary><c>konomi train</c>: what the trainer service does on its schedule, now, with a model card per user.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var user = new Option<string?>("--user") { Description = "Only this user (default: every labelled user)" };
        var dataDir = CommonOptions.DataDir();
        var command = new Command("train", "Retrain, cross-validate and (if not worse) promote users' taste models") { user, dataDir };
        command.SetAction(async (parse, ct) =>
        {
            var builder = CommandHost.CreateBuilder(parse.GetValue(dataDir));
            builder.AddTrainer();
            using var host = builder.Build();
            var services = host.Services;
            var trainer = services.GetRequiredService<TasteModelTrainer>();
            var users = parse.GetValue(user) is { } one
                ? [(await KnownUsers.RequireAsync(services.GetRequiredService<IUserStore>(), one, ct)).UserId]
                : await services.GetRequiredService<ILabelStore>().ListUsersAsync(ct);
            if (users.Count == 0)
            {
                Console.WriteLine("Nobody has labelled a work yet: label some with `konomi label`, or click in Slack.");
                return 0;
            }
            var failed = await CommandProgress.ShowAsync("train", every: 1, async progress =>
            {
                var failures = 0;
                for (var i = 0; i < users.Count; i++)
                {
                    progress.Report(i, users.Count, $"training {users[i]} ({i + 1}/{users.Count} users)", milestone: true);
                    try
                    {
                        Print(await trainer.TrainAsync(users[i], ct));
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // One user's failure is reported and skipped: everyone after them is still trained.
                        failures++;
                        Out($"== {users[i]}: failed\ndecision    not trained: {e.GetType().Name}: {e.Message}");
                        Console.Error.WriteLine($"konomi train: {users[i]}: {e.Message}");
                    }
                }
                progress.Report(users.Count, users.Count, $"train done: {users.Count} {(users.Count == 1 ? "user" : "users")} (each model card says whether a model was trained)", milestone: true);
                return failures;
            });
            return failed == 0 ? 0 : 1;
        });
        return Cli.Example(command, "konomi train", "konomi train --user me");
    }

    /// <summary>Model cards go above the progress bar when one is drawn, else straight to stdout.</summary>
    static void Out(string line)
    {
        if (CommandProgress.Interactive) AnsiConsole.WriteLine(line);
        else Console.WriteLine(line);
    }

    static void Print(ModelCard card)
    {
        Out($"== {card.UserId}: {card.Family}" + (card.Version is { } v ? $" v{v}" : ""));
        Out($"data        {card.Examples} labelled works, {card.Positives} liked" +
            (card.MissingWorks > 0 ? $" ({card.MissingWorks} labels skipped: work not stored)" : ""));
        if (card.Composition is { } composition)
            Out($"model       {composition}");
        if (card.Metrics is { } m)
        {
            Out($"metrics     F1 pooled {m.F1Pooled:0.000} (post everything {m.PostEverythingF1:0.000})  average precision {m.AveragePrecision:0.000}  precision@{m.K} {m.PrecisionAtK:0.000}  ({m.Folds} stratified folds)");
            Out($"            per-fold means: F1 {m.F1:0.000}  accuracy {m.Accuracy:0.000}  precision {m.Precision:0.000}  recall {m.Recall:0.000}  ROC-AUC {m.RocAuc:0.000}");
            Out($"threshold   {m.Threshold:0.000} (mean over folds, chosen on training folds only)");
            if (m.Calibration is { } cal)
                Out($"calibration Platt on out-of-fold scores: p = sigmoid({cal.Slope:0.000} × logit(score) {Figures.Signed(cal.Intercept)})");
            if (m.Recipe is { } recipe)
                Out($"recipe      {recipe.Family} {recipe.Fingerprint[..12]}, labels through {m.TrainedThrough:u}");
            if (m.Gate is { } g)
                Out($"gate        AP {g.CandidateAveragePrecision:0.000} vs {g.Against} {g.IncumbentAveragePrecision:0.000} on {g.FreshLabels} fresh labels ({g.FreshLiked} liked), P(worse) {g.ProbabilityWorse:0.000}");
        }
        if (card.Confusion is { } c)
        {
            Out("confusion   predicted:  liked  not");
            Out($"            liked       {c.TruePositives,5}  {c.FalseNegatives,4}");
            Out($"            not         {c.FalsePositives,5}  {c.TrueNegatives,4}");
        }
        if (card.TopFeatures is { Count: > 0 } features)
        {
            Out("top features (summed over the liked works)");
            foreach (var f in features)
                Out($"            {Figures.Signed(f.Weight, 2),8}  {f.Text}");
        }
        Out($"decision    {Decision(card.Decision)}: {card.Reason}");
    }

    static string Decision(TrainingDecision decision) => decision == TrainingDecision.NotTrained ? "not trained" : decision.ToString().ToLowerInvariant();
}
