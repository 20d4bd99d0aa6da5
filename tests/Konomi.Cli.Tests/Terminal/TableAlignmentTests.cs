using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Terminal;

/// <summary>
/// The listings keep their columns in line on a terminal when a user id is Japanese: 太郎 takes four cells, not two.
/// </summary>
public class TableAlignmentTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Users_models_and_notifications_align_japanese_user_ids_by_their_width_on_screen()
    {
        await using var store = TestStore.Sqlite();
        var at = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        var registry = store.Get<ITasteModelRegistry>();
        var metrics = new ModelMetrics(22, 10, 5, 0.59, 0.60, 0.80, 0.70, 0.80, 0.84, 0.27);
        foreach (var user in new[] { "太郎", "bob", "はなこさん" })
        {
            await store.Get<IUserStore>().UpsertAsync(new UserProfile(user, Channel: "C0123"), Ct);
            await registry.RegisterAsync(new TasteModelDraft(user, "ngram", metrics, [1, 2, 3]), Ct);
            await store.Get<ILabelStore>().RecordAsync(new Click($"c-{user}", user, "RJ01000001", true, at, "import"), Ct); // models list shows labelled users
            await store.Get<INotificationStore>().TryCreateAsync(new Notification($"RJ0{user.Length}", "C0123", user, Guid.NewGuid(), NotificationStatus.Pending, 0, at), Ct);
        }
        string[] dataDir = ["--data-dir", store.Settings["Storage:DataDirectory"]!];

        var users = await KonomiCli.RunAsync(["users", "list", .. dataDir], ct: Ct);
        var models = await KonomiCli.RunAsync(["models", "list", .. dataDir], ct: Ct);
        var notifications = await KonomiCli.RunAsync(["notifications", .. dataDir], ct: Ct);

        ColumnsOf(users.Output, "active").Distinct().ShouldHaveSingleItem(users.Output);
        ColumnsOf(models.Output, "ngram").Distinct().ShouldHaveSingleItem(models.Output);
        ColumnsOf(notifications.Output, "C0123").Distinct().ShouldHaveSingleItem(notifications.Output);
        ColumnsOf(users.Output, "active").Count().ShouldBe(3);
        ColumnsOf(models.Output, "ngram").Count().ShouldBe(3);
        ColumnsOf(notifications.Output, "C0123").Count().ShouldBe(3);
    }

    /// <summary>The terminal column at which <paramref name="marker"/> begins on each line that has it.</summary>
    static IEnumerable<int> ColumnsOf(string output, string marker) =>
        output.Split('\n').Where(l => l.Contains(marker)).Select(l => Cells(l[..l.IndexOf(marker, StringComparison.Ordinal)]));

    /// <summary>Cells on a terminal: East Asian wide and fullwidth characters (kana, kanji, Hangul, fullwidth forms) take two.</summary>
    static int Cells(string text) => text.Sum(c => c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3'
        or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6' ? 2 : 1);
}
