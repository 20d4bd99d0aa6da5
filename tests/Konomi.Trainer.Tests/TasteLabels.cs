using Konomi.Contracts;
using Konomi.Storage.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Konomi.Trainer.Tests;

/// <summary>
/// Works whose titles pair one of sixteen themes with a setting, labelled by a taste over themes: a person with a
/// couple of labels per theme learns the taste slowly alone and faster from colleagues who share it.
/// </summary>
public static class TasteLabels
{
    public static readonly string[] Themes =
        ["耳かき", "囁き", "添い寝", "睡眠導入", "お姉さん", "ツンデレ", "幼馴染", "メイド", "妹", "先輩", "後輩", "魔女", "天使", "悪魔", "吸血鬼", "騎士"];

    static readonly string[] Settings = ["夜の部屋", "温泉旅館", "放課後", "雨の日", "図書館", "夏祭り", "星空", "カフェ"];

    /// <summary>The taste everyone in these tests shares unless told otherwise.</summary>
    public static bool LikesSoothing(string theme) => theme is "耳かき" or "囁き" or "添い寝" or "睡眠導入";

    public static Work Create(int number, string theme) => new()
    {
        Id = $"RJ{number + 1:D8}",
        Title = $"{theme}と{Settings[number * 7 % Settings.Length]}の{number}話",
        Circle = $"工房{number % 5}",
        Url = $"https://www.dlsite.com/maniax/work/=/product_id/RJ{number + 1:D8}.html",
    };

    /// <summary>
    /// Stores works <paramref name="first"/>.. (theme by number, skipping <paramref name="skip"/>) and the user's click
    /// on each, <paramref name="count"/> in all.
    /// </summary>
    public static async Task AddAsync(
        IServiceProvider services, string userId, int first, int count, Func<string, bool> likes, CancellationToken ct, params string[] skip)
    {
        var works = services.GetRequiredService<IWorkStore>();
        var labels = services.GetRequiredService<ILabelStore>();
        var added = 0;
        for (var n = first; added < count; n++)
        {
            var theme = Themes[n % Themes.Length];
            if (skip.Contains(theme)) continue;
            var work = Create(n, theme);
            await works.AddAsync(work, Guid.NewGuid(), ct);
            await labels.RecordAsync(new Click($"c-{userId}-{work.Id}", userId, work.Id, likes(theme), DateTimeOffset.UtcNow, "test"), ct);
            added++;
        }
    }
}
