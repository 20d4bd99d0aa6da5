namespace Konomi.Crawler.Parsing;

/// <summary>
/// The outline and maker rows' labels in every language DLsite serves (Japanese, English, Korean, simplified and
/// traditional Chinese). The crawler asks for Japanese (cookie <c>locale=ja_JP</c>), but a redirect can drop it and a
/// page a user saved from their own browser comes in their language: scrapers keyed on Japanese labels alone read
/// such a page as a work with no voice actors, genres or date (dlsite.md, "Locale").
/// </summary>
public static class OutlineLabels
{
    public static readonly string[] ReleasedOn = ["販売日", "Release date", "판매일", "发售日", "贩卖日", "販賣日", "發售日"];
    public static readonly string[] AnnouncedOn = ["予告開始日", "Published date", "예고 개시일", "预告开始日", "預告開始日"];

    /// <summary>
    /// The maker: a circle on doujin floors, a brand or publisher elsewhere. A books page without either names only its
    /// author (著者/作者) in the maker table, and that author is then the maker too.
    /// </summary>
    public static readonly string[] Maker =
    [
        "サークル名", "Circle", "서클명", "社团名", "社團名",
        "ブランド名", "Brand", "브랜드명", "品牌名", "品牌名稱",
        "出版社名", "Publisher", "출판사명", "出版社名称", "出版社名稱",
    ];

    public static readonly string[] Series = ["シリーズ名", "シリーズ", "Series name", "Series", "시리즈명", "시리즈", "系列名", "系列"];
    /// <summary>
    /// The work's makers: 作者 on voice works, 著者/作家 on books and manga, 原作 (the original story) on adaptations. Rows
    /// with no role in a <see cref="Konomi.Contracts.Work"/> (音楽, 編集, デザイン…) are left out, never read into another one.
    /// </summary>
    public static readonly string[] Authors = ["作者", "著者", "作家", "原作", "Author", "Original work", "저자", "작가", "원작", "原著"];
    public static readonly string[] Scenario = ["シナリオ", "Scenario", "시나리오", "剧本", "劇本", "剧情", "劇情"];

    /// <summary>イラスト on voice works, 原画 on games, 作画 on manga: who drew it.</summary>
    public static readonly string[] Illustration = ["イラスト", "原画", "作画", "Illustration", "일러스트", "插画", "插畫"];

    /// <summary>声優, or the CV (character voice) some pages write instead.</summary>
    public static readonly string[] VoiceActors = ["声優", "CV", "Voice Actor", "성우", "声优", "聲優"];
    public static readonly string[] Genres = ["ジャンル", "Genre", "장르", "分类", "分類"];
    public static readonly string[] Age = ["年齢指定", "Age", "연령 지정", "年龄指定", "年齡指定"];
    public static readonly string[] WorkType = ["作品形式", "Product format", "작품 형식"];
}
