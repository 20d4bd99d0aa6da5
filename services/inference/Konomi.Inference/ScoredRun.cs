using Konomi.Contracts;

namespace Konomi.Inference;

/// <summary>
/// One crawl run's scores for every user, and for each user a model serves, how many works they had marked 興味あり when
/// it loaded: what <see cref="Exploration"/> tapers its rate by. <see cref="Unusable"/> holds the serving models that
/// could not load or score, whose users were scored cold start.
/// </summary>
public sealed record ScoredRun(IReadOnlyList<WorkScored> Scores, IReadOnlyDictionary<string, int> Likes, IReadOnlyList<UnloadableModelException> Unusable);
