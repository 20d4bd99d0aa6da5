using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests;

/// <summary>
/// The exit-code rule of docs/cli.md on the real process: 2 when the command line is wrong (a value that does not parse
/// or makes no sense, named), 1 when the command could not do it (one line, <c>konomi…:</c>, and what to do next).
/// </summary>
public class ExitCodeTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Never created: a command that wrongly got past its options would find no store there.
    static readonly string NoStore = Path.Combine(Path.GetTempPath(), $"konomi-exit-codes-{Guid.NewGuid():N}");

    [Theory]
    [InlineData(new[] { "crawl", "--pages", "abc" }, "--pages")]
    [InlineData(new[] { "crawl", "--once", "--pages", "abc" }, "--pages")]
    [InlineData(new[] { "run", "--port", "abc" }, "--port")]
    [InlineData(new[] { "errors", "replay", "--queue", "x", "--max", "abc" }, "--max")]
    [InlineData(new[] { "score", "--work", "" }, "--work")]  // an empty path is no file name
    public async Task A_value_that_does_not_parse_is_a_usage_error_not_a_crash(string[] args, string option)
    {
        var result = await KonomiCli.RunAsync(args, ct: Ct);

        result.ExitCode.ShouldBe(2, result.Error);
        result.Error.ShouldContain(option);
        result.Error.ShouldNotContain("System.Nullable");
        result.Error.ShouldNotContain("Unhandled exception");
    }

    [Theory]
    [InlineData("run --port abc", "--port: 'abc' is not a whole number")]
    [InlineData("crawl --backfill --pages 2.5", "--pages: '2.5' is not a whole number")]
    [InlineData("bench replay --data x.csv --explore lots", "--explore: 'lots' is not a number")]
    [InlineData("notifications --status done", "--status: 'done' is not one of pending, sent, failed")]
    [InlineData("label --limit 99999999999", "--limit: '99999999999' is too large a number (at most 2147483647)")]
    [InlineData("recommend --top -99999999999", "--top: '-99999999999' is too small a number (at least -2147483648)")]
    public async Task A_value_that_does_not_parse_is_said_in_words_not_as_a_dotnet_type(string commandLine, string message)
    {
        var result = await KonomiCli.RunAsync(commandLine.Split(' '), ct: Ct);

        result.ExitCode.ShouldBe(2, result.Error);
        result.Error.Trim().Split('\n')[0].ShouldBe(message);
    }

    [Theory]
    [InlineData(new[] { "parse", "" }, "path")]
    [InlineData(new[] { "labels", "import", "" }, "FILE")]
    [InlineData(new[] { "works", "export", "" }, "FILE")]
    public async Task An_empty_file_name_is_a_usage_error_naming_the_argument(string[] args, string argument)
    {
        var result = await KonomiCli.RunAsync(args, ct: Ct);

        result.ExitCode.ShouldBe(2, result.Error);
        result.Error.Trim().Split('\n')[0].ShouldBe($"{argument}: the file name is empty");
    }

    [Theory]
    [InlineData("parse")]
    [InlineData("labels import")]
    [InlineData("eval --data")]
    public async Task A_file_name_that_is_not_utf8_is_explained_not_reported_missing(string command)
    {
        // What .NET hands a program for a Shift_JIS name such as 作品.html: each byte that is not UTF-8 as U+FFFD.
        var name = Path.Combine(Path.GetTempPath(), "\uFFFD\uFFFD\uFFFD.html");

        var result = await KonomiCli.RunAsync([.. command.Split(' '), name], ct: Ct);

        result.ExitCode.ShouldBe(2, result.Error);
        result.Error.ShouldContain("is not a UTF-8 name");
        result.Error.ShouldContain("rename it to UTF-8");
        result.Error.ShouldNotContain("no such file");
    }

    [Theory]
    [InlineData("bench replay --data x.csv --batch 0", "--batch must be at least 1.")]
    [InlineData("bench replay --data x.csv --seed -1", "--seed must be at least 1.")]
    [InlineData("bench replay --data x.csv --explore 2", "--explore must be between 0 and 1.")]
    [InlineData("bench replay --data x.csv --explore-without-model 1.4", "--explore-without-model must be between 0 and 1.")]
    [InlineData("label --limit 0 --data-dir", "--limit must be at least 1.")]
    [InlineData("label --first-screen -1 --data-dir", "--first-screen must be 0 or more.")]
    [InlineData("notifications --limit -1 --data-dir", "--limit must be at least 1.")]
    [InlineData("crawl --once --base-url notaurl --data-dir", "--base-url must be an absolute http(s) URL")]
    [InlineData("crawl --once --base-url ftp://example.com/ --data-dir", "--base-url must be an absolute http(s) URL")]
    [InlineData("recommend --top 0 --data-dir", "--top must be at least 1.")]
    [InlineData("eval --data x.csv --k 0", "--k must be at least 1.")]
    [InlineData("eval --data x.csv --folds 1", "--folds must be at least 2.")]
    [InlineData("recommend --pool -5 --data-dir", "--pool must be at least 1.")]
    [InlineData("models promote --user me --version -1 --data-dir", "--version must be at least 1 (versions count from 1).")]
    [InlineData("models promote --user me --version 0 --data-dir", "--version must be at least 1 (versions count from 1).")]
    public async Task A_value_that_makes_no_sense_is_a_usage_error_naming_the_option(string commandLine, string message)
    {
        string[] args = commandLine.EndsWith("--data-dir") ? [.. commandLine.Split(' '), NoStore] : commandLine.Split(' ');

        var result = await KonomiCli.RunAsync(args, ct: Ct);

        result.ExitCode.ShouldBe(2, result.Error);
        result.Error.ShouldContain(message);
        result.Error.ShouldContain("See `konomi ");
        Directory.Exists(NoStore).ShouldBeFalse();
    }

    [Theory]
    [InlineData("status", "")]
    [InlineData("status", " ")]
    [InlineData("models list", "")]
    [InlineData("users list", "")]
    public async Task An_empty_data_dir_is_a_usage_error_naming_the_option_not_the_default_store(string command, string dataDir)
    {
        var result = await KonomiCli.RunAsync([.. command.Split(' '), "--data-dir", dataDir], ct: Ct);

        result.ExitCode.ShouldBe(2, result.Error);
        result.Error.Trim().Split('\n')[0].ShouldBe("--data-dir must be a folder name, not empty.");
        result.Error.ShouldContain($"See `konomi {command.Split(' ')[0]}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Score_of_an_empty_work_id_is_a_usage_error_not_a_search_for_it(string id)
    {
        var result = await KonomiCli.RunAsync(["score", "--id", id, "--data-dir", NoStore], ct: Ct);

        result.ExitCode.ShouldBe(2, result.Error);
        result.Error.ShouldContain("--id must be a work id such as RJ01234567, not empty.");
        result.Error.ShouldContain("See `konomi score --help`.");
        Directory.Exists(NoStore).ShouldBeFalse();
    }

    [Theory]
    [InlineData("eval --data")]
    [InlineData("bench replay --data")]
    public async Task Eval_and_bench_replay_failures_start_konomi_as_every_command_does(string command)
    {
        var missing = Path.Combine(Path.GetTempPath(), $"konomi-missing-{Guid.NewGuid():N}.csv");

        var result = await KonomiCli.RunAsync([.. command.Split(' '), missing], ct: Ct);

        result.ExitCode.ShouldBe(1, result.Error);
        result.Error.Trim().ShouldBe($"konomi: {missing}: no such file");
    }

    [Theory]
    [InlineData("missing", "missing.csv: no such file")]
    [InlineData("folder", "is a folder; give a CSV file")]
    [InlineData("bad line", "bad.csv: line 3: label 'x' is not 0 or 1")]
    [InlineData("short", "short.csv: 2 items, and --seed 50 labels that many up front: the replay needs more items than --seed")]
    [InlineData("shift_jis", "sjis.csv: line 2: not UTF-8 text")]
    public async Task Bench_replay_exits_1_for_a_file_it_cannot_read_naming_the_file(string what, string message)
    {
        var folder = Directory.CreateTempSubdirectory("konomi-replay-").FullName;
        var bad = Path.Combine(folder, "bad.csv");
        File.WriteAllText(bad, "id,text,label,time\na,耳かき,1,1700000000\nb,雨音,x,1700000001\n");
        var shortFile = Path.Combine(folder, "short.csv");
        File.WriteAllText(shortFile, "id,text,label,time\na,耳かき,1,1700000000\nb,雨音,0,1700000001\n");
        var sjis = Path.Combine(folder, "sjis.csv");
        File.WriteAllBytes(sjis, [.. "id,text,label,time\na,"u8, 0x8E, 0xA8, 0x82, 0xA9, 0x82, 0xAB, .. ",1,1700000000\n"u8]); // 耳かき in Shift_JIS
        var data = what switch { "missing" => Path.Combine(folder, "missing.csv"), "folder" => folder, "short" => shortFile, "shift_jis" => sjis, _ => bad };

        var result = await KonomiCli.RunAsync(["bench", "replay", "--data", data], ct: Ct);

        result.ExitCode.ShouldBe(1, result.Error);
        result.Error.Trim().ShouldStartWith("konomi: ");
        result.Error.ShouldContain(message);
    }

    [Theory]
    [InlineData("Crawler__Interval", "abc", "crawl --failed", "konomi: configuration: Crawler:Interval: 'abc' is not a duration such as 00:30:00 (hh:mm:ss) or 1.00:00:00 (a day)")]
    [InlineData("Trainer__MinLabels", "many", "status", "konomi: configuration: Trainer:MinLabels: 'many' is not a whole number")]
    [InlineData("Trainer__MinLabels", "99999999999", "status", "konomi: configuration: Trainer:MinLabels: '99999999999' is too large a number (at most 2147483647)")]
    public async Task A_setting_that_does_not_parse_stops_the_command_in_one_line_naming_key_and_value(string variable, string value, string command, string message)
        => await StopsInOneLineAsync(variable, value, command, message);

    [Theory]
    [InlineData("Trainer__Folds", "1", "train --user me", "konomi: configuration: Trainer:Folds must be at least 2")]
    [InlineData("Retention__ScoresDays", "0", "prune", "konomi: configuration: Retention:ScoresDays must be between 1 and 36500")]
    [InlineData("Retention__Interval", "00:00:10", "prune", "konomi: configuration: Retention:Interval must be between 1 minute and 365 days")]
    [InlineData("TasteModels__Input__OpeningCharacters", "0", "train --user me", "konomi: configuration: TasteModels:Input:OpeningCharacters must be at least 1")]
    public async Task A_setting_out_of_range_stops_the_command_in_one_line_naming_its_key(string variable, string value, string command, string message)
        => await StopsInOneLineAsync(variable, value, command, message);

    [Theory]
    [InlineData("Crawler__MinimumDelai", "0", "crawl --failed", "konomi: configuration: Crawler:MinimumDelai is not a setting; did you mean Crawler:MinimumDelay?")]
    [InlineData("Trainer__minlabel", "5", "status", "konomi: configuration: Trainer:minlabel is not a setting; did you mean Trainer:MinLabels?")]
    [InlineData("Crawler__Retry__MaxAtempts", "3", "run --once", "konomi: configuration: Crawler:Retry:MaxAtempts is not a setting; did you mean Crawler:Retry:MaxAttempts?")]
    [InlineData("TasteModels__Ngram__Threshold__SureOfCat", "0.8", "train --user me", "konomi: configuration: TasteModels:Ngram:Threshold:SureOfCat is not a setting; did you mean TasteModels:Ngram:Threshold:SureOfCut?")]
    [InlineData("Trainer__Colour", "red", "status", "konomi: configuration: Trainer:Colour is not a setting of Trainer (its settings: BootstrapSamples, Debounce, Folds, Interval, LabelCheck, LearnFromEveryone, MaxProbabilityWorse, MinFreshLabels, MinLabels, MinNewLabels)")]
    [InlineData("Storage__Provider", "postgres", "status", "konomi: configuration: Storage:Provider 'postgres' is not a provider; the providers are sqlite and mongo.")]
    public async Task A_misspelt_setting_stops_the_command_in_one_line_with_the_setting_it_meant(string variable, string value, string command, string message)
        => await StopsInOneLineAsync(variable, value, command, message);

    [Theory]
    [InlineData("TasteModels__Embedding__TokenizerPath", "/nonexistent/konomi/vocab.txt", "train --user me", "konomi: configuration: TasteModels:Embedding:TokenizerPath: file '/nonexistent/konomi/vocab.txt' does not exist")]
    [InlineData("TasteModels__Family", "classifier", "train --user me", "konomi: configuration: The classifier family needs TasteModels:Classifier:ModelPath and TokenizerPath.")]
    public async Task A_file_a_setting_needs_that_is_not_there_stops_the_command_before_it_starts(string variable, string value, string command, string message)
        => await StopsInOneLineAsync(variable, value, command, message);

    static async Task StopsInOneLineAsync(string variable, string value, string command, string message)
    {
        var result = await WithOneSettingAsync(variable, value, command);

        result.ExitCode.ShouldBe(1, result.Output);
        result.Error.Trim().ShouldBe(message);
    }

    /// <summary><paramref name="command"/> on a store that exists with user <c>me</c>, so only the one setting can be wrong.</summary>
    static async Task<BuiltProgram.Result> WithOneSettingAsync(string variable, string value, string command)
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("me"), Ct);
        return await KonomiCli.RunAsync([.. command.Split(' '), "--data-dir", store.Settings["Storage:DataDirectory"]!],
            new Dictionary<string, string?> { [variable] = value }, ct: Ct);
    }

    [Theory]
    [InlineData("train --user me")]  // Trainer, TasteModels and their subsections
    [InlineData("crawl --failed")]   // Crawler and Crawler:Retry, bound on its own
    public async Task Settings_of_nested_and_separately_bound_sections_are_accepted(string command)
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("me"), Ct);

        var result = await KonomiCli.RunAsync([.. command.Split(' '), "--data-dir", store.Settings["Storage:DataDirectory"]!],
            new Dictionary<string, string?>
            {
                ["Trainer__MinLabels"] = "5",
                ["TasteModels__Device"] = "cpu",
                ["TasteModels__Input__Description"] = "Whole",
                ["TasteModels__Ngram__Threshold__SureOfCut"] = "0.8",
                ["Crawler__Retry__MaxAttempts"] = "3",
                ["Crawler__Floors__0"] = "girls",
                ["Logging__LogLevel__Default"] = "Warning", // not Konomi's section: not checked
            }, ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldNotContain("configuration");
    }

    [Theory]
    [InlineData("{ \"Crawler\": ")]
    [InlineData("")]
    public async Task A_settings_file_that_is_not_json_stops_the_command_in_one_line_naming_the_file(string content)
    {
        await using var store = TestStore.Sqlite();
        var folder = Directory.CreateTempSubdirectory("konomi-settings-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"), content, Ct);

        var result = await KonomiCli.RunAsync(["status", "--data-dir", store.Settings["Storage:DataDirectory"]!],
            new Dictionary<string, string?> { ["DOTNET_CONTENTROOT"] = folder }, ct: Ct);

        result.ExitCode.ShouldBe(1, result.Output);
        result.Error.Trim().ShouldStartWith($"konomi: configuration: {Path.Combine(folder, "appsettings.json")} is not JSON (");
        result.Error.Trim().ShouldEndWith("a settings file with nothing to set holds {}");
        result.Error.Trim().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public async Task Models_and_score_refusals_say_konomi_and_what_to_run_next()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("me"), Ct);
        string[] dataDir = ["--data-dir", store.Settings["Storage:DataDirectory"]!];

        var promote = await KonomiCli.RunAsync(["models", "promote", "--user", "me", "--version", "1", .. dataDir], ct: Ct);
        var rollback = await KonomiCli.RunAsync(["models", "rollback", "--user", "me", .. dataDir], ct: Ct);
        var score = await KonomiCli.RunAsync(["score", "--id", "RJ404", .. dataDir], ct: Ct);

        promote.ExitCode.ShouldBe(1, promote.Error);
        promote.Error.Trim().ShouldBe("konomi: me has no model version 1; the versions: `konomi models list --user me`");
        rollback.ExitCode.ShouldBe(1, rollback.Error);
        rollback.Error.Trim().ShouldBe("konomi: me has no serving model to roll back; the versions: `konomi models list --user me`");
        score.ExitCode.ShouldBe(1, score.Error);
        score.Error.Trim().ShouldStartWith("konomi: no stored work has the id RJ404; ");
        score.Error.ShouldContain("konomi score --work");
    }
}
