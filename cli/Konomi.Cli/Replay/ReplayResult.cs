namespace Konomi.Cli.Replay;

/// <summary>
/// What the user lived through: posting decisions over the replay (after the seed) and what the trainer did;
/// <see cref="SharedPromotions"/> counts promotions of the workspace's shared model (learning from everyone).
/// </summary>
public sealed record ReplayResult(
    int Items,
    int LikedTotal,
    int Posted,
    int LikedPosted,
    int Explored,
    int LikedExplored,
    int LabelsRevealed,
    int Trainings,
    int Promotions,
    int Rejections,
    double ExplorationRate,
    double ExplorationRateWithoutModel,
    int SharedPromotions = 0)
{
    public double Precision => Posted == 0 ? 0 : (double)LikedPosted / Posted;
    public double Recall => LikedTotal == 0 ? 0 : (double)LikedPosted / LikedTotal;
    public double F1 => LikedPosted == 0 ? 0 : 2.0 * LikedPosted / (Posted + LikedTotal);
    public double PostEverythingF1 => LikedTotal == 0 ? 0 : 2.0 * LikedTotal / (Items + LikedTotal);
}
