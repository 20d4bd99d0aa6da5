using System.CommandLine;
using System.Globalization;
using Konomi.Cli.Terminal;
using Konomi.Storage.Ports;
using Konomi.Trainer;
using Microsoft.Extensions.DependencyInjection;

namespace Konomi.Cli.Commands;

/// <summary>
/// <c>konomi models list|promote|rollback</c>: see every version of a user's taste model and override the
/// promotion gate, the way a reviewer approves a model version before it serves.
/// </summary>
public static class ModelsCommand
{
    public static Command Create() => new("models", "List, promote and roll back users' taste model versions")
    {
        List(),
        Promote(),
        Rollback(),
    };

    static Command List()
    {
        var user = new Option<string?>("--user") { Description = "Only this user (default: every labelled user)" };
        var dataDir = CommonOptions.DataDir();
        var command = new Command("list", "Every model version, newest first, with status, F1 and why") { user, dataDir };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CommandHost.Build(parse.GetValue(dataDir));
            var services = host.Services;
            var registry = services.GetRequiredService<ITasteModelRegistry>();
            var users = parse.GetValue(user) is { } one
                ? [(await KnownUsers.RequireAsync(services.GetRequiredService<IUserStore>(), one, ct)).UserId]
                : await services.GetRequiredService<ILabelStore>().ListUsersAsync(ct);
            var table = new TextTable(new("user"), new("version", AlignRight: true), new("family"), new("status"), new("F1", AlignRight: true),
                new("AP", AlignRight: true), new("P(worse)", AlignRight: true), new("labels", AlignRight: true), new("reason"));
            var listed = 0;
            foreach (var id in users)
                foreach (var v in await registry.ListAsync(id, ct))
                {
                    table.Add(v.UserId, Invariant(v.Version), v.Family, v.Status.ToString(), Invariant(v.Metrics.ShownF1(), "0.00"),
                        Invariant(v.Metrics.ShownAveragePrecision(), "0.00"), v.Metrics.Gate is { } g ? Invariant(g.ProbabilityWorse, "0.00") : "-",
                        Invariant(v.Metrics.Examples), v.StatusReason ?? "");
                    listed++;
                }
            table.Write(Console.Out);
            if (listed == 0)
                Console.WriteLine("no model versions yet: `konomi status` says what a first model still needs");
            return 0;
        });
        return Cli.Example(command, "konomi models list --user me");
    }

    static Command Promote()
    {
        var user = new Option<string>("--user") { Required = true, Description = "Whose model" };
        var version = new Option<int>("--version") { Required = true, Description = "The version to serve" }
            .MustBe(n => n >= 1, "at least 1 (versions count from 1)");
        var dataDir = CommonOptions.DataDir();
        var command = new Command("promote", "Serve this version now, whatever the gate said") { user, version, dataDir };
        command.SetAction((parse, ct) => Override(parse.GetValue(dataDir), parse.GetValue(user)!, async o =>
        {
            var promoted = await o.PromoteAsync(parse.GetValue(user)!, parse.GetValue(version), ct);
            Console.WriteLine($"{promoted.UserId} v{promoted.Version} ({promoted.Family}, F1 {promoted.Metrics.ShownF1():0.00}) is serving.");
        }));
        return Cli.Example(command, "konomi models promote --user me --version 2");
    }

    static Command Rollback()
    {
        var user = new Option<string>("--user") { Required = true, Description = "Whose model" };
        var dataDir = CommonOptions.DataDir();
        var command = new Command("rollback", "Serve the version that served before the current one") { user, dataDir };
        command.SetAction((parse, ct) => Override(parse.GetValue(dataDir), parse.GetValue(user)!, async o =>
        {
            var restored = await o.RollbackAsync(parse.GetValue(user)!, ct);
            Console.WriteLine($"{restored.UserId} v{restored.Version} ({restored.Family}, F1 {restored.Metrics.ShownF1():0.00}) is serving again.");
        }));
        return Cli.Example(command, "konomi models rollback --user me");
    }

    static async Task<int> Override(string? dataDir, string userId, Func<ServingOverride, Task> change)
    {
        var builder = CommandHost.CreateBuilder(dataDir);
        builder.Services.AddServingControls();
        using var host = builder.Build();
        var services = host.Services;
        await KnownUsers.RequireAsync(services.GetRequiredService<IUserStore>(), userId, ct: default);
        try
        {
            await change(services.GetRequiredService<ServingOverride>());
            return 0;
        }
        catch (ServingOverrideException e)
        {
            return Cli.Fail($"{e.Message.TrimEnd('.')}; the versions: `konomi models list --user {userId}`");
        }
    }

    static string Invariant(int number) => number.ToString(CultureInfo.InvariantCulture);

    static string Invariant(double number, string format) => number.ToString(format, CultureInfo.InvariantCulture);
}
