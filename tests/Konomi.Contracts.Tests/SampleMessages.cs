using Konomi.Contracts;

namespace Konomi.Contracts.Tests;

/// <summary>One message of each contract with every field set to something other than its default.</summary>
static class SampleMessages
{
    public static Work Work(string id) => new()
    {
        Id = id,
        Title = "【耳かき】癒やしの音〇ASMR",
        Circle = "サークル好み",
        Series = "癒やしシリーズ",
        Authors = ["作者A", "作者B"],
        ScenarioWriters = ["脚本C"],
        Illustrators = ["絵師D"],
        VoiceActors = ["声優E", "声優F"],
        Genres = ["ASMR", "耳かき", "癒し"],
        Description = "長い説明文。\n二行目。",
        ReleaseDate = new DateOnly(2026, 9, 4),
        AgeCategory = AgeCategory.R15,
        WorkType = "SOU",
        PriceYen = 1320,
        Url = $"https://www.dlsite.com/home/work/=/product_id/{id}.html",
        ThumbnailUrl = $"https://img.dlsite.jp/modpub/images2/work/doujin/RJ01000000/{id}_img_main.jpg",
        Popularity = new Popularity(1234, 567, 4.56, 89),
    };

    public static object[] All(Guid run, string workId) =>
    [
        new WorksCrawled(run, "maniax", [workId, "RJ123456"], new DateTimeOffset(2026, 9, 4, 12, 0, 0, TimeSpan.FromHours(9))),
        new NewWorkDetected(run, Work(workId)),
        new WorkScored(run, workId, "alice", 0.87, 0.42, true, "ngram", 3,
            [new ScoreReason("model", "voice actor: 声優E", 1.25), new ScoreReason("preference", "genre: 耳かき", 0.5)]),
        new FeedbackReceived(workId, "alice", true, "slack-socket", new DateTimeOffset(2026, 9, 5, 8, 30, 0, TimeSpan.Zero), run),
        new ServingModelFailed($"user-{run:N}", 7, "ngram", "InvalidDataException: 'ÿ' is invalid after a value", new DateTimeOffset(2026, 9, 5, 9, 0, 0, TimeSpan.Zero)),
    ];
}
