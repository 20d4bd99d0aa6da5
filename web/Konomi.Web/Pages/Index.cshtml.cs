using Konomi.Contracts;
using Konomi.Feedback;
using Konomi.Storage.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Konomi.Web.Pages;

/// <summary>The latest scored works for a user, best first, with the same buttons a Slack post has.</summary>
public sealed class IndexModel(
    IUserStore users, IScoreStore scores, IWorkStore works, ILabelStore labels, ClickRecorder clicks, TimeProvider clock, IOptions<WebOptions> options)
    : UserPage(users)
{
    public const string Source = "web";

    public IReadOnlyList<Pick> Picks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ResolveUserAsync(ct) is { } refused) return refused;
        if (UserId is null) return Page();
        var latest = (await scores.ListAsync(UserId, options.Value.Picks * 4, ct)).DistinctBy(s => s.WorkId).Take(options.Value.Picks).ToList();
        var found = await works.FindManyAsync(latest.Select(s => s.WorkId), ct);
        var current = (await labels.ListAsync(UserId, ct)).ToDictionary(l => l.WorkId);
        Picks = [.. latest.Where(s => found.ContainsKey(s.WorkId))
            .OrderByDescending(s => s.Liked == true).ThenByDescending(s => s.Score)
            .Select(s => new Pick(found[s.WorkId], s, current.GetValueOrDefault(s.WorkId)))];
        return Page();
    }

    /// <summary>A press of 興味あり! or 別に…: stored and published by the feedback service's recorder, as a Slack click is.</summary>
    public async Task<IActionResult> OnPostFeedbackAsync(string? work, string? run, string? seen, bool? interested, CancellationToken ct)
    {
        if (await ResolveUserAsync(ct) is { } refused) return refused;
        if (UserId is null) return NoUser();
        if (await RequireWorkAsync(works, work, ct) is { } missing) return missing;
        if (interested is not { } liked) return PlainAnswer.Of(StatusCodes.Status400BadRequest, "Say interested=true or interested=false: nothing was labelled.");
        if ((PressValues.Run(run, out var crawlRun) ?? PressValues.Seen(seen)) is { } unread) return unread;
        var clickId = $"{Source}:{UserId}:{work}:{(liked ? "yes" : "no")}:{seen}";
        await clicks.RecordAsync(new Click(clickId, UserId, work!, liked, clock.GetUtcNow(), Source), crawlRun, ct);
        var label = await labels.FindAsync(UserId, work!, ct);
        return Pressed("_FeedbackButtons", new FeedbackButtons(UserId, work!, crawlRun ?? Guid.Empty, label));
    }
}
