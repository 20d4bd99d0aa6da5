using System.ComponentModel.DataAnnotations;

namespace Konomi.TasteModels.Input;

/// <summary>What of a work goes into the model input (configuration section <c>TasteModels:Input</c>).</summary>
public sealed class TasteInputOptions
{
    public DescriptionSelection Description { get; set; } = DescriptionSelection.BestBlock;

    /// <summary>
    /// With <see cref="DescriptionSelection.BestBlock"/>, how much of a description in which no block holds a keyword the
    /// model reads: its first this many characters, then cleaned as every description is. The loop's long-text replay
    /// measured the gain of reading on up to 500 characters; a DLsite description runs to 2,000 and more (track lists,
    /// cast, notices), and every character read grows the model and its scoring (docs/scale.md).
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "TasteModels:Input:OpeningCharacters must be at least 1")]
    public int OpeningCharacters { get; set; } = 500;

    /// <summary>
    /// Words that mark the part of a description about what the listener hears; the work's own genres count too.
    /// Binding appends configured entries to these defaults; clear them with an empty <c>Keywords</c> array in code.
    /// </summary>
    public List<string> Keywords { get; set; } =
    [
        "耳かき", "耳舐め", "囁き", "ささやき", "添い寝", "癒し", "癒やし", "甘々", "あまあま", "甘やかし",
        "バイノーラル", "ダミーヘッド", "ASMR", "吐息", "睡眠", "安眠", "寝息", "心音", "マッサージ", "シャンプー",
        "お姉さん", "幼なじみ", "メイド", "妹", "先輩", "後輩", "ヤンデレ", "ツンデレ", "百合", "敬語", "方言", "関西弁",
        "責め", "罵倒", "誘惑", "包容", "純愛", "ラブラブ", "おねショタ", "逆転",
    ];
}
