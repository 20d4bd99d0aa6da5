using Konomi.Contracts;

namespace Konomi.EndToEnd.Tests;

/// <summary>
/// What the two scenario users like. The DLsite emulator names circles サークル0 to サークル6 (by work
/// number mod 7), so taste is by circle: alice likes サークル0 to サークル2, bob the others. A taste model
/// learns that from a few labels, and every crawled work is liked by exactly one of them.
/// </summary>
public static class Tastes
{
    public static bool AliceLikes(string circle) => circle is "サークル0" or "サークル1" or "サークル2";

    public static bool BobLikes(string circle) => !AliceLikes(circle);

    /// <summary>
    /// Works the users labelled before Konomi ran (an import of their history), shaped like the emulator's
    /// works so the model learns from what it will score; numbered below the emulator's first work.
    /// </summary>
    public static IReadOnlyList<Work> History(int count) =>
    [
        .. Enumerable.Range(1_700_001, count).Select(n => new Work
        {
            Id = $"RJ0{n}",
            Title = $"耳かきと添い寝の癒やしASMR 第{n}夜",
            Circle = $"サークル{n % 7}",
            VoiceActors = [$"声優{n % 5}"],
            ReleaseDate = new DateOnly(2026, 6, 1),
            WorkType = "SOU",
            PriceYen = 990,
            Url = $"https://www.dlsite.com/maniax/work/=/product_id/RJ0{n}.html",
        }),
    ];
}
