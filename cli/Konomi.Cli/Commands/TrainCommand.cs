using System.CommandLine;
using Konomi.Storage.Ports;
using Konomi.Trainer;
using Microsoft.Extensions.DependencyInjection;

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
            var services = AllInOne.CreateBuilder(parse.GetValue(dataDir), null).Build().Services;
            var trainer = services.GetRequiredService<TasteModelTrainer>();
            var users = parse.GetValue(user) is { } one
                ? [(await KnownUsers.RequireAsync(services.GetRequiredService<IUserStore>(), one, ct)).UserId]
                : await services.GetRequiredService<ILabelStore>().ListUsersAsync(ct);
            if (users.Count == 0)
                Console.WriteLine("Nobody has labelled a work yet: label some with `konomi label`, or click in Slack.");
            foreach (var id in users)
                Print(await trainer.TrainAsync(id, ct));
            return 0;
        });
        return Cli.Example(command, "konomi train", "konomi train --user me");
    }

    static void Print(ModelCard card)
    {
        Console.WriteLine($"== {card.UserId}: {card.Family}" + (card.Version is { } v ? $" v{v}" : ""));
        Console.WriteLine($"data        {card.Examples} labelled works, {card.Positives} liked" +
            (card.MissingWorks > 0 ? $" ({card.MissingWorks} labels skipped: work not stored)" : ""));
        if (card.Metrics is { } m)
        {
            Console.WriteLine($"metrics     F1 {m.F1:0.000}  accuracy {m.Accuracy:0.000}  precision {m.Precision:0.000}  recall {m.Recall:0.000}  ROC-AUC {m.RocAuc:0.000}  PR-AUC {m.PrAuc:0.000}  ({m.Folds} folds)");
            Console.WriteLine($"threshold   {m.Threshold:0.000} (mean over folds, chosen on training folds only)");
        }
        if (card.Confusion is { } c)
        {
            Console.WriteLine("confusion   predicted:  liked  not");
            Console.WriteLine($"            liked       {c.TruePositives,5}  {c.FalseNegatives,4}");
            Console.WriteLine($"            not         {c.FalsePositives,5}  {c.TrueNegatives,4}");
        }
        if (card.TopFeatures is { Count: > 0 } features)
        {
            Console.WriteLine("top features (summed over the liked works)");
            foreach (var f in features)
                Console.WriteLine($"            {f.Weight,8:+0.00;-0.00}  {f.Text}");
        }
        Console.WriteLine($"decision    {card.Decision.ToString().ToLowerInvariant()}: {card.Reason}");
    }
}
