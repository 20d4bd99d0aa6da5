using System.Text.Json;
using Konomi.Contracts;
using Konomi.Storage;
using Konomi.Storage.Ports;

namespace Konomi.Testing;

/// <summary>Small, complete values for store tests.</summary>
public static class Sample
{
    public static readonly DateTimeOffset Noon = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static Work Work(string id, DateOnly? released = null, string voiceActor = "春野ゆき") => new()
    {
        Id = id,
        Title = $"癒やしの耳かき {id}",
        Circle = "しずくの森",
        Series = "耳かきシリーズ",
        Authors = ["しずく"],
        ScenarioWriters = ["青木"],
        Illustrators = ["Mika"],
        VoiceActors = [voiceActor],
        Genres = ["ASMR", "耳かき"],
        Description = "静かな夜に。",
        ReleaseDate = released ?? new DateOnly(2026, 10, 1),
        AgeCategory = AgeCategory.AllAges,
        WorkType = "SOU",
        PriceYen = 1320,
        Url = $"https://www.dlsite.com/home/work/=/product_id/{id}.html",
        ThumbnailUrl = $"https://img.dlsite.jp/{id}.jpg",
        Popularity = new Popularity(1200, 3400, 4.61, 88),
    };

    public static Click Click(string clickId, bool interested, DateTimeOffset at, string user = "u1", string work = "RJ01000001") =>
        new(clickId, user, work, interested, at, "slack");

    public static Notification Notification(string work, string target = "C0123") =>
        new(work, target, "u1", Guid.NewGuid(), NotificationStatus.Pending, 0, Noon);

    public static TasteModelDraft Model(string user, int size = 16) =>
        new(user, "tfidf-logistic", new ModelMetrics(120, 40, 5, 0.81, 0.7, 0.6, 0.65, 0.84, 0.72, 0.42),
            Enumerable.Range(0, size).Select(i => (byte)(i * 31)).ToArray());

    /// <summary>Records hold lists, which compare by reference; their JSON compares by value.</summary>
    public static string Json<T>(T value) => JsonSerializer.Serialize(value, KonomiJson.Options);
}
