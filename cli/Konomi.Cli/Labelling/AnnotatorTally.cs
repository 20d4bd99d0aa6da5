namespace Konomi.Cli.Labelling;

/// <summary>The running counts of one annotator session.</summary>
public sealed class AnnotatorTally(int total)
{
    public int Total { get; } = total;
    public int Liked { get; set; }
    public int NotLiked { get; set; }
    public int Skipped { get; set; }
    public int Done => Liked + NotLiked + Skipped;

    public void Count(Answer answer, int by)
    {
        if (answer == Answer.Like) Liked += by;
        else if (answer == Answer.Not) NotLiked += by;
        else Skipped += by;
    }

    public override string ToString() => $"{Done}/{Total}  興味あり {Liked}  別に {NotLiked}  skipped {Skipped}";
}
