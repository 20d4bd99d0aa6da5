using System.Globalization;
using System.Text;

namespace Konomi.Benchmarks.Labelling;

/// <summary>A <see cref="LabellingCurve"/> as the Markdown table docs/models.md shows.</summary>
public static class LabellingTable
{
    public static string Markdown(LabellingCurve curve)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{curve.Data} ({curve.Examples:N0} examples, {curve.Positives:N0} liked), {curve.Runs} runs, first screen {curve.FirstScreen}, target F1 {curve.Target:0.000} = {curve.TargetRule}");
        text.AppendLine();
        text.AppendLine("| order | labels to target: median (runs reaching) | vs random: fewer / same / more | " + string.Join(" | ", curve.Orders[0].Points.Select(p => $"F1 @{p.Labels}")) + " |");
        text.AppendLine("|---|---:|---:|" + string.Concat(curve.Orders[0].Points.Select(_ => "---|")));
        foreach (var order in curve.Orders)
        {
            var reach = order.ToTarget;
            var median = reach.Median is { } m ? m.ToString(CultureInfo.InvariantCulture) : "never";
            var cells = string.Join(" | ", order.Points.Select(Cell));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {order.Order} | {median} ({reach.Reached}/{reach.Runs}) | {reach.Fewer} / {reach.Same} / {reach.More} | {cells} |");
        }
        return text.ToString();
    }

    static string Cell(LabellingPoint p) => p switch
    {
        { F1: null } => "",
        { Difference: { } d, DifferenceLow: { } low, DifferenceHigh: { } high } when d != 0 || low != 0 || high != 0 =>
            string.Create(CultureInfo.InvariantCulture, $"{p.F1:0.000} ({Signed(d)} [{Signed(low)}, {Signed(high)}]{(low > 0 || high < 0 ? "*" : "")})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{p.F1:0.000}"),
    };

    static string Signed(double value) => value.ToString("+0.000;−0.000;0.000", CultureInfo.InvariantCulture);
}
