using System.Globalization;
using System.Text;

namespace Konomi.Benchmarks.Labelling;

/// <summary>A <see cref="LabellingCurve"/> as the Markdown table docs/models.md shows.</summary>
public static class LabellingTable
{
    public static string Markdown(LabellingCurve curve)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{curve.Data} ({curve.Examples:N0} examples, {curve.Positives:N0} liked), {curve.Runs} runs, first screen {curve.FirstScreen}, target F1 = {curve.TargetRule}");
        text.AppendLine();
        var targets = string.Concat(curve.Orders[0].ToTargets.Select(t => string.Create(CultureInfo.InvariantCulture,
            $" labels to F1 {t.F1:0.000} ({t.Share:0.##}×): median (runs reaching); vs random fewer / same / more |")));
        text.AppendLine("| order |" + targets + string.Join(" | ", curve.Orders[0].Points.Select(p => $"F1 @{p.Labels}")) + " |");
        text.AppendLine("|---|" + string.Concat(curve.Orders[0].ToTargets.Select(_ => "---:|")) + string.Concat(curve.Orders[0].Points.Select(_ => "---|")));
        foreach (var order in curve.Orders)
        {
            var reach = string.Concat(order.ToTargets.Select(t =>
                $" {(t.Median is { } m ? m.ToString(CultureInfo.InvariantCulture) : "never")} ({t.Reached}/{t.Runs}); {t.Fewer} / {t.Same} / {t.More} |"));
            var cells = string.Join(" | ", order.Points.Select(Cell));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {order.Order} |{reach} {cells} |");
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
