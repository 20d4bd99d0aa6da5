using Konomi.Contracts;
using Konomi.Feedback;
using Konomi.Labelling;
using Konomi.Storage.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Konomi.Web.Pages;

/// <summary>
/// Day one in the browser: the queue <c>konomi label</c> asks from (newest works, least sure first once a model
/// can be trained), answered with y / n / s / u. The session's skips and answers travel with the form, so undo
/// brings the last work back and a new answer replaces its label.
/// </summary>
public sealed class LabelModel(
    IUserStore users, IWorkStore works, ILabelStore labels, ITasteModelRegistry registry, LabellingQueue queue, ClickRecorder clicks,
    NoModelReason noModel, TimeProvider clock, IOptions<WebOptions> options, IOptions<TrainerOptions> trainer)
    : UserPage(users)
{
    public Work? Current { get; private set; }
    public Label? CurrentLabel { get; private set; }
    public int Pending { get; private set; }
    public int Labelled { get; private set; }
    public int Liked { get; private set; }
    public int MinLabels => trainer.Value.MinLabels;
    public bool LeastSureFirst { get; private set; }
    public TasteModelVersion? Serving { get; private set; }

    /// <summary>The newest version when none serves (the gate rejected the first one): the page links to the versions.</summary>
    public TasteModelVersion? Unserved { get; private set; }

    /// <summary>Why no model serves (labels missing, or the gate rejected the first one), as Slack and <c>konomi status</c> say it.</summary>
    public string? NoModel { get; private set; }
    public string? Said { get; private set; }

    /// <summary>This session's moves, oldest first: <c>s:ID</c> for a skip, <c>a:ID</c> for an answer.</summary>
    [BindProperty]
    public string? Moves { get; set; }

    /// <summary>The moves as sent back; a press refuses them unless each is well formed (<see cref="UnreadMove"/>).</summary>
    List<string> MoveList => [.. (Moves ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>
    /// The first move the page would not have written, or null: set aside, it would change what undo brings back and
    /// which works count as skipped.
    /// </summary>
    string? UnreadMove => MoveList.FirstOrDefault(m => !(m.Length > 2 && m[0] is 'a' or 's' && m[1] == ':'));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ResolveUserAsync(ct) is { } refused) return refused;
        if (UserId is not null) await LoadAsync(null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAnswerAsync(string? work, string? answer, string? seen, CancellationToken ct)
    {
        if (await ResolveUserAsync(ct) is { } refused) return refused;
        if (UserId is null) return NoUser();
        if (answer is not ("y" or "n" or "s" or "u"))
            return PlainAnswer.Of(StatusCodes.Status400BadRequest, "Answer y (興味あり), n (別に), s (skip) or u (undo).");
        if (answer is not "u" && await RequireWorkAsync(works, work, ct) is { } missing) return missing;
        if (answer is "y" or "n" && PressValues.Seen(seen) is { } unread) return unread;
        if (UnreadMove is { } move)
            return PlainAnswer.Of(StatusCodes.Status400BadRequest, $"'{PressValues.Shown(move)}' is not a move the page sends (Moves=a:ID or s:ID, comma-separated): nothing was labelled. Reload the page.");
        var moves = MoveList;
        string? back = null;
        switch (answer)
        {
            case "y" or "n":
                // The answer is part of the id: the same press twice is one click, the other answer (another tab) a new one.
                var clickId = $"{LabellingSource.Name}:{UserId}:{work}:web:{answer}:{seen}";
                await clicks.RecordAsync(new Click(clickId, UserId, work!, answer == "y", clock.GetUtcNow(), LabellingSource.Name), null, ct);
                moves.Add("a:" + work);
                // What the store now holds, which is what the person said unless an older press of theirs arrived late.
                Said = (await labels.FindAsync(UserId, work!, ct))?.Interested == true ? "興味あり!" : "別に…";
                break;
            case "s":
                moves.Add("s:" + work);
                Said = "skipped";
                break;
            case "u" when moves.Count > 0:
                back = moves[^1][2..];
                moves.RemoveAt(moves.Count - 1);
                Said = "undone";
                break;
        }
        Moves = string.Join(',', moves);
        await LoadAsync(back, ct);
        return Pressed("_Labeller", this);
    }

    async Task LoadAsync(string? back, CancellationToken ct)
    {
        var pool = await works.ListAsync(null, options.Value.LabellingPool, ct);
        var state = await queue.LoadAsync(UserId!, pool, ct);
        var skipped = MoveList.Where(m => m.StartsWith("s:")).Select(m => m[2..]).ToHashSet();
        var pending = state.Pending.Where(w => !skipped.Contains(w.Id)).ToList();
        Current = back is null ? pending.FirstOrDefault() : await works.FindAsync(back, ct) ?? pending.FirstOrDefault();
        CurrentLabel = Current is null ? null : await labels.FindAsync(UserId!, Current.Id, ct);
        Pending = pending.Count;
        Labelled = state.Labelled.Count;
        Liked = state.Labelled.Count(l => l.Liked);
        LeastSureFirst = state.Model is not null;
        Serving = await registry.FindServingAsync(UserId!, ct);
        Unserved = Serving is null ? (await registry.ListAsync(UserId!, ct)).FirstOrDefault() : null;
        NoModel = Serving is null ? await noModel.ForAsync(UserId!, await labels.ListAsync(UserId!, ct), ct) : null;
    }

    public string Seen => CurrentLabel is null ? "none" : CurrentLabel.LabeledAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
