using Konomi.Contracts;

namespace Konomi.Testing;

/// <summary>
/// Made-up works with a learnable taste: even numbers are soothing (ear cleaning, whispers, one circle and
/// voice actor), odd numbers are horror (another circle and voice actor). The sample user likes the soothing ones.
/// </summary>
public static class SampleWorks
{
    static readonly string[] Soothing = ["耳かき", "癒し", "添い寝", "囁き", "安眠"];
    static readonly string[] Horror = ["絶叫", "怪談", "悲鳴", "呪い", "廃墟"];

    public static bool IsSoothing(int number) => number % 2 == 0;

    public static bool IsSoothing(Work work) => work.Circle == "ひだまり工房";

    public static Work Create(int number)
    {
        var soothing = IsSoothing(number);
        var words = soothing ? Soothing : Horror;
        return new Work
        {
            Id = $"RJ{number + 1:D8}",
            Title = $"{words[number % 5]}と{words[number / 5 % 5]}の夜 第{number}話",
            Circle = soothing ? "ひだまり工房" : "闇夜の館",
            VoiceActors = [soothing ? "春野ひより" : "黒崎玲"],
            Genres = [soothing ? "癒し" : "ホラー", number % 3 == 0 ? "バイノーラル" : "ASMR"],
            Description = $"{words[(number + 2) % 5]}をテーマにした作品です。",
            Url = $"https://www.dlsite.com/maniax/work/=/product_id/RJ{number + 1:D8}.html",
        };
    }

    public static IReadOnlyList<Work> Range(int first, int count) => [.. Enumerable.Range(first, count).Select(Create)];
}
