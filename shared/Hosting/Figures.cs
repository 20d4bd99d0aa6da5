using System.Globalization;

namespace Konomi.Hosting;

/// <summary>How figures are printed where people read them: a signed weight, intercept or interval; a count of things.</summary>
public static class Figures
{
    /// <summary>"+0.120", "-0.050"; a value that rounds to zero is "+0.000" from either side.</summary>
    /// <remarks>
    /// .NET formats a negative value that rounds to zero as a minus sign before the positive section ("-+0.000");
    /// rounding first and adding 0.0 turns the -0 that leaves into +0.
    /// </remarks>
    public static string Signed(double value, int decimals = 3)
    {
        var digits = "0." + new string('0', decimals);
        return (Math.Round(value, decimals) + 0.0).ToString($"+{digits};-{digits}", CultureInfo.InvariantCulture);
    }

    /// <summary>"1 score", "0 scores", "2 model versions": the noun as one of it or as many.</summary>
    public static string Counted(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
