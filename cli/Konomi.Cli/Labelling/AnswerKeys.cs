namespace Konomi.Cli.Labelling;

/// <summary>
/// The annotator's keys: y/l/1 興味あり, n/0 別に, s/space skip, u/b undo, q quit. From a terminal a key
/// press is an answer; from redirected input each line is one (its first character), and the end of the
/// input quits, so a script or a test can drive the annotator.
/// </summary>
public sealed class AnswerKeys(Func<char?> next)
{
    public const string Help = "y = 興味あり (like)   n = 別に (not)   s = skip   u = undo   q = quit";

    public Answer Read() => next() is { } key ? Parse(key) : Answer.Quit;

    public static Answer Parse(char key) => char.ToLowerInvariant(key) switch
    {
        'y' or 'l' or '1' => Answer.Like,
        'n' or '0' => Answer.Not,
        's' or ' ' => Answer.Skip,
        'u' or 'b' => Answer.Undo,
        'q' => Answer.Quit,
        _ => Answer.Unknown,
    };

    /// <summary>Key presses when stdin is a terminal, else lines of the input stream; a closed stdin (<c>&lt;&amp;-</c>) is an input that has ended.</summary>
    public static AnswerKeys FromConsole() => SpecialFiles.StandardInputClosed() ? new(() => null)
        : Console.IsInputRedirected
        ? new(() => Console.In.ReadLine() is { } line ? (line.Trim() is [var first, ..] ? first : ' ') : null)
        : new(() => Console.ReadKey(intercept: true).KeyChar);
}
