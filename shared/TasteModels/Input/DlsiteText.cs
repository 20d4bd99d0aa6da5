using System.Text;
using System.Text.RegularExpressions;

namespace Konomi.TasteModels.Input;

/// <summary>
/// Cleans DLsite text the way a careful data scientist would before a model sees it: NFKC width
/// normalisation, store boilerplate, URLs and decorative symbol runs out, masked words (お〇〇こ / お○○こ)
/// spelt one way so both maskings are the same feature.
/// </summary>
public static partial class DlsiteText
{
    public static string Clean(string raw)
    {
        var text = raw.Normalize(NormalizationForm.FormKC).Replace("\r\n", "\n").Replace('\r', '\n');
        text = Url().Replace(text, " ");
        text = StoreBoilerplate().Replace(text, " ");
        text = NoticeLine().Replace(text, "");
        text = Mask().Replace(text, m => new string('〇', m.Length));
        text = SymbolRun().Replace(text, " ");
        text = Spaces().Replace(text, " ");
        text = SpaceAroundNewline().Replace(text, "\n");
        return BlankLines().Replace(text, "\n\n").Trim();
    }

    /// <summary>A name or genre as a facet value: width-normalised, trimmed, masks unified.</summary>
    public static string Value(string raw) =>
        Mask().Replace(raw.Normalize(NormalizationForm.FormKC), m => new string('〇', m.Length)).Trim();

    /// <summary>
    /// Splits a raw description into its blocks: DLsite's description parts are separated by blank lines
    /// and usually open with a decorated heading (【…】, ■…, ◆…), which also starts a block.
    /// </summary>
    public static IReadOnlyList<string> Blocks(string rawDescription)
    {
        var blocks = new List<string>();
        var current = new StringBuilder();
        foreach (var line in rawDescription.Replace("\r\n", "\n").Split('\n'))
        {
            var blank = string.IsNullOrWhiteSpace(line);
            if ((blank || Heading().IsMatch(line)) && current.Length > 0)
            {
                blocks.Add(current.ToString());
                current.Clear();
            }
            if (!blank) current.Append(line).Append('\n');
        }
        if (current.Length > 0) blocks.Add(current.ToString());
        return blocks;
    }

    [GeneratedRegex(@"(https?://|www\.)[^\s　「」『』()]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    // The store's own sentence appended to meta descriptions: 「DLsite 同人 - R18」は同人誌・同人ゲーム…
    [GeneratedRegex(@"「DLsite[^」]*」は[^\n]*")]
    private static partial Regex StoreBoilerplate();

    // Store notices, not taste: operating environment, file format, purchase and copyright lines.
    [GeneratedRegex(@"^[^\n]*(動作環境|対応OS|推奨環境|ファイル形式|ご購入前|ご購入の前|体験版|Copyright|©|\(C\)|無断転載|二次配布)[^\n]*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex NoticeLine();

    // DLsite masks NG words with 〇 or ○ (sometimes ◯/●) next to letters; decorative circles stand alone.
    [GeneratedRegex(@"(?<=\p{L})[〇○◯●]+|[〇○◯●]+(?=\p{L})")]
    private static partial Regex Mask();

    // Two or more decoration characters: ★☆★, ■■■, ━━━, ～～～, *****, =====, ♪♪.
    [GeneratedRegex(@"[\p{So}\p{Sm}\p{Sk}\u2500-\u25FF\u2600-\u27BF~～*＊=＝_＿\-―・…:：#＃]{2,}|[\p{So}\u2500-\u25FF\u2600-\u27BF]")]
    private static partial Regex SymbolRun();

    [GeneratedRegex(@"^\s*[【■□◆◇●○★☆▼▽◎▲△♪]")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[ \t\u3000]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@" ?\n ?")]
    private static partial Regex SpaceAroundNewline();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
