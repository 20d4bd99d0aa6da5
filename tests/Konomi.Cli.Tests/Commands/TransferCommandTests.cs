using System.Diagnostics;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary>The real <c>konomi labels|works export|import</c> commands on SQLite data directories.</summary>
public sealed class TransferCommandTests : IAsyncDisposable
{
    private readonly TestStore _source = TestStore.Sqlite();
    private readonly TestStore _target = TestStore.Sqlite();
    private readonly string _files = Directory.CreateTempSubdirectory("konomi-transfer").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Labels_and_works_files_round_trip_byte_identical_through_the_commands()
    {
        await _source.Get<ILabelStore>().RecordAsync(Sample.Click("c1", true, Sample.Noon), Ct);
        await _source.Get<ILabelStore>().RecordAsync(Sample.Click("c2", false, Sample.Noon.AddMinutes(3), work: "RJ01000002"), Ct);
        await _source.Get<IWorkStore>().AddAsync(Sample.Work("RJ01000001"), Guid.NewGuid(), Ct);

        // A restore into a new store: it knows none of the labels' users until told to create them.
        foreach (var (noun, file, flags) in new[] { ("labels", "labels.csv", new[] { "--create-users" }), ("works", "works.jsonl", []) })
        {
            await KonomiAsync(noun, "export", File(file), "--data-dir", DataDir(_source));
            (await KonomiAsync([noun, "import", File(file), "--data-dir", DataDir(_target), .. flags])).ShouldStartWith("imported");
            await KonomiAsync(noun, "export", File("again-" + file), "--data-dir", DataDir(_target));

            (await System.IO.File.ReadAllBytesAsync(File("again-" + file), Ct)).ShouldBe(await System.IO.File.ReadAllBytesAsync(File(file), Ct));
        }
        (await _target.Get<ILabelStore>().ListAsync(ct: Ct)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_malformed_labels_file_exits_1_naming_each_bad_line_and_imports_nothing()
    {
        await System.IO.File.WriteAllTextAsync(File("bad.csv"),
            "work_id,user_id,label,labeled_at\nRJ01000001,me,1,2026-11-01T12:00:00Z\nRJ01000002,me,maybe,2026-11-01T12:00:00Z\nRJ01000003,me,1\n", Ct);

        var result = await KonomiCli.RunAsync(["labels", "import", File("bad.csv"), "--data-dir", DataDir(_target)], ct: Ct);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("bad.csv: line 3: label must be 1 or 0, got 'maybe'");
        result.Error.ShouldContain("bad.csv: line 4: expected 4 fields");
        (await _target.Get<ILabelStore>().ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_work_with_an_oversized_title_or_an_id_with_a_comma_is_refused_naming_line_field_and_limit()
    {
        await System.IO.File.WriteAllTextAsync(File("big.jsonl"), string.Join("\n",
            """{"id":"RJ01000001","title":"耳かき","url":"https://x/"}""",
            $$"""{"id":"RJ01000002","title":"{{new string('a', 5_000_000)}}","url":"https://x/"}""",
            """{"id":"RJ01000003,RJ01000004","title":"雨音","url":"https://x/"}""") + "\n", Ct);

        var result = await KonomiCli.RunAsync(["works", "import", File("big.jsonl"), "--data-dir", DataDir(_target)], ct: Ct);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("big.jsonl: line 2: title is 5,000,000 characters: at most 1,000");
        result.Error.ShouldContain("big.jsonl: line 3: id 'RJ01000003,RJ01000004' has a comma or a space in it");
        result.Error.ShouldContain("2 bad lines: nothing was imported");
        (await _target.Get<IWorkStore>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused_naming_its_line_and_imports_nothing()
    {
        // Line 2's title is 耳かき in Shift_JIS, as Excel on Windows saves it.
        byte[] sjis = [0x8E, 0xA8, 0x82, 0xA9, 0x82, 0xAB];
        await System.IO.File.WriteAllBytesAsync(File("sjis.jsonl"), [
            .. "{\"id\":\"RJ01000001\",\"title\":\"ok\"}\n{\"id\":\"RJ01000002\",\"title\":\""u8, .. sjis, .. "\"}\n"u8], Ct);

        var result = await KonomiCli.RunAsync(["works", "import", File("sjis.jsonl"), "--data-dir", DataDir(_target)], ct: Ct);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("sjis.jsonl: line 2: not UTF-8 text: nothing was imported");
        (await _target.Get<IWorkStore>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Labels_for_a_user_the_store_does_not_know_exit_1_saying_how_to_add_them()
    {
        await System.IO.File.WriteAllTextAsync(File("typo.csv"), "work_id,user_id,label,labeled_at\nRJ01000001,mee,1,2026-11-01T12:00:00Z\n", Ct);

        var result = await KonomiCli.RunAsync(["labels", "import", File("typo.csv"), "--data-dir", DataDir(_target)], ct: Ct);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("typo.csv: line 2: no user 'mee' (1 row, first on this line): add it with `konomi users add mee`");
        result.Error.ShouldContain("1 bad line: nothing was imported");
        (await _target.Get<ILabelStore>().ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("works")]
    [InlineData("labels")]
    public async Task Export_to_dash_writes_stdout_and_pipes_into_import_from_dash(string noun)
    {
        await _source.Get<ILabelStore>().RecordAsync(Sample.Click("c1", true, Sample.Noon), Ct);
        await _source.Get<IWorkStore>().AddAsync(Sample.Work("RJ01000001"), Guid.NewGuid(), Ct);
        await _target.Get<IUserStore>().UpsertAsync(new UserProfile("u1"), Ct); // the labels' user: an import refuses unknown ones
        await KonomiAsync(noun, "export", File("file"), "--data-dir", DataDir(_source));

        var exported = await KonomiCli.RunAsync([noun, "export", "-", "--data-dir", DataDir(_source)], ct: Ct);
        var imported = await KonomiCli.RunAsync([noun, "import", "-", "--data-dir", DataDir(_target)], standardInput: exported.Output, ct: Ct);

        exported.ExitCode.ShouldBe(0, exported.Error);
        exported.Output.ShouldBe(await System.IO.File.ReadAllTextAsync(File("file"), Ct)); // the export alone, no summary
        exported.Error.ShouldContain($"exported 1 {noun} to stdout");
        imported.ExitCode.ShouldBe(0, imported.Error);
        imported.Output.ShouldContain($"imported 1 new {noun}");
    }

    [Fact]
    public async Task A_failed_export_leaves_no_file_behind()
    {
        var broken = Directory.CreateTempSubdirectory("konomi-broken-").FullName;
        await System.IO.File.WriteAllTextAsync(Path.Combine(broken, "konomi.db"), "not a database, a note someone saved here", Ct);

        var result = await KonomiCli.RunAsync(["labels", "export", File("out.csv"), "--data-dir", broken], ct: Ct);

        result.ExitCode.ShouldBe(1, result.Output);
        Directory.GetFiles(_files).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_export_to_a_symbolic_link_writes_the_file_it_points_to_and_keeps_the_link()
    {
        await _source.Get<IWorkStore>().AddAsync(Sample.Work("RJ01000001"), Guid.NewGuid(), Ct);
        Directory.CreateDirectory(File("synced"));
        await System.IO.File.WriteAllTextAsync(File("synced/works.jsonl"), "last week's export\n", Ct);
        System.IO.File.CreateSymbolicLink(File("works.jsonl"), File("synced/works.jsonl"));

        await KonomiAsync("works", "export", File("works.jsonl"), "--data-dir", DataDir(_source));

        new FileInfo(File("works.jsonl")).LinkTarget.ShouldBe(File("synced/works.jsonl"));
        (await System.IO.File.ReadAllTextAsync(File("synced/works.jsonl"), Ct)).ShouldStartWith("{\"id\":\"RJ01000001\"");
    }

    [Fact]
    public async Task An_export_to_a_fifo_writes_into_it_and_leaves_the_fifo_in_place()
    {
        await _source.Get<IWorkStore>().AddAsync(Sample.Work("RJ01000001"), Guid.NewGuid(), Ct);
        var fifo = File("works.fifo");
        (await ExitCodeAsync("mkfifo", fifo)).ShouldBe(0);
        using var reader = Process.Start(new ProcessStartInfo("cat", [fifo]) { RedirectStandardOutput = true })!;
        try
        {
            var read = reader.StandardOutput.ReadToEndAsync(Ct);

            var result = await KonomiCli.RunAsync(["works", "export", fifo, "--data-dir", DataDir(_source)], timeout: TimeSpan.FromMinutes(1), ct: Ct);

            result.ExitCode.ShouldBe(0, result.Error);
            result.Error.ShouldContain($"exported 1 works to {fifo}");
            (await read).ShouldStartWith("{\"id\":\"RJ01000001\"");
            (await ExitCodeAsync("test", "-p", fifo)).ShouldBe(0, "the FIFO was replaced by a plain file");
        }
        finally
        {
            if (!reader.HasExited) reader.Kill();
        }
    }

    [Fact]
    public async Task An_export_to_dev_stdout_writes_standard_output()
    {
        await _source.Get<ILabelStore>().RecordAsync(Sample.Click("c1", true, Sample.Noon), Ct);

        var result = await KonomiCli.RunAsync(["labels", "export", "/dev/stdout", "--data-dir", DataDir(_source)], ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldStartWith("work_id,user_id,label,labeled_at\n");
        result.Output.ShouldNotContain("exported"); // the summary goes to stderr, as for -
    }

    [Theory]
    [InlineData("works")]
    [InlineData("labels")]
    public async Task An_import_from_a_closed_stdin_ends_saying_so_instead_of_waiting(string noun)
    {
        var result = await KonomiCli.RunWithStandardInputClosedAsync([noun, "import", "-", "--data-dir", DataDir(_target)], Ct);

        result.ExitCode.ShouldBe(1, result.Error);
        result.Error.Trim().ShouldBe($"konomi: stdin is closed: nothing was imported; pipe the file in (`konomi {noun} import - < FILE`) or name it");
    }

    [Theory]
    [InlineData("works", "")]
    [InlineData("labels", "")]
    [InlineData("works", "\n\n")]
    [InlineData("labels", "work_id,user_id,label,labeled_at\n")]
    public async Task An_import_without_a_single_row_is_refused_for_works_and_labels_alike(string noun, string content)
    {
        await System.IO.File.WriteAllTextAsync(File("empty"), content, Ct);
        var newStore = Path.Combine(_files, "new-store");

        var fromFile = await KonomiCli.RunAsync([noun, "import", File("empty"), "--data-dir", newStore], ct: Ct);
        var fromStdin = await KonomiCli.RunAsync([noun, "import", "-", "--data-dir", newStore], standardInput: content, ct: Ct);

        fromFile.ExitCode.ShouldBe(1, fromFile.Output);
        fromFile.Error.Trim().ShouldBe($"konomi: empty holds no {noun}: nothing was imported");
        fromStdin.ExitCode.ShouldBe(1, fromStdin.Output);
        fromStdin.Error.Trim().ShouldBe($"konomi: stdin holds no {noun}: nothing was imported");
    }

    [Fact]
    public async Task An_export_into_a_folder_nobody_may_write_names_the_file_asked_for_not_its_temporary()
    {
        await _source.Get<ILabelStore>().RecordAsync(Sample.Click("c1", true, Sample.Noon), Ct);
        // /sys takes no new files, not even root's.
        var result = await KonomiCli.RunAsync(["labels", "export", "/sys/konomi-labels.csv", "--data-dir", DataDir(_source)], ct: Ct);

        result.ExitCode.ShouldBe(1, result.Output);
        result.Error.Trim().ShouldStartWith("konomi: cannot write /sys/konomi-labels.csv: ");
        result.Error.ShouldNotContain(".partial");
    }

    [Fact]
    public async Task A_utf16_file_is_refused_as_not_utf8_rather_than_as_broken_json()
    {
        // Notepad's "Unicode": every ASCII letter followed by a zero byte, which is valid UTF-8 byte by byte.
        await System.IO.File.WriteAllBytesAsync(File("utf16.jsonl"), System.Text.Encoding.Unicode.GetBytes("{\"id\":\"RJ01000001\",\"title\":\"ok\"}\n"), Ct);

        var result = await KonomiCli.RunAsync(["works", "import", File("utf16.jsonl"), "--data-dir", DataDir(_target)], ct: Ct);

        result.ExitCode.ShouldBe(1);
        result.Error.Trim().ShouldStartWith("konomi: utf16.jsonl: line 1: not UTF-8 text: nothing was imported");
    }

    static async Task<int> ExitCodeAsync(string program, params string[] args)
    {
        using var process = Process.Start(program, args);
        await process.WaitForExitAsync(Ct);
        return process.ExitCode;
    }

    private string File(string name) => Path.Combine(_files, name);

    private static string DataDir(TestStore store) => store.Settings["Storage:DataDirectory"]!;

    private static async Task<string> KonomiAsync(params string[] args)
    {
        var result = await KonomiCli.RunAsync(args, ct: Ct);
        result.ExitCode.ShouldBe(0, $"konomi {string.Join(' ', args)}\n{result.Error}");
        return result.Output;
    }

    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync();
        await _target.DisposeAsync();
        Directory.Delete(_files, recursive: true);
    }
}
