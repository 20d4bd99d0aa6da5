using System.Text.Json;
using Konomi.Labelling;
using Konomi.Storage.Ports;
using Konomi.Trainer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;

namespace Konomi.Web.Pages;

/// <summary>
/// A user's taste model versions with their cross-validated figures, F1 and average precision over versions,
/// the serving model's held-out precision-recall curve, and the same promote/rollback as <c>konomi models</c>.
/// </summary>
public sealed class ModelsModel(IUserStore users, ITasteModelRegistry registry, ILabelStore labels, ServingOverride serving, ServingModelCurve curves,
    NoModelReason noModel, IMemoryCache cache)
    : UserPage(users)
{
    public IReadOnlyList<TasteModelVersion> Versions { get; private set; } = [];

    /// <summary>Why no version serves (labels missing, the gate rejected the newest), as everywhere else; null when one does.</summary>
    public string? NoModel { get; private set; }
    public HeldOutCurve? Curve { get; private set; }

    const string MessageKey = "Message";

    /// <summary>
    /// The outcome of a promote or rollback, carried to the page it redirects to. Read and written by those handlers
    /// alone: a <c>[TempData]</c> property would load TempData for the curve request too, and that response's cookie
    /// (TempData emptied) could land between a promote's redirect and its page, which then showed no outcome.
    /// </summary>
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Message = TempData[MessageKey] as string;
        if (await ResolveUserAsync(ct) is { } refused) return refused;
        if (UserId is null) return Page();
        Versions = await registry.ListAsync(UserId, ct);
        if (!Versions.Any(v => v.Status == TasteModelStatus.Serving))
            NoModel = await noModel.ForAsync(UserId, await labels.ListAsync(UserId, ct), ct);
        return Page();
    }

    /// <summary>Cross-validation takes a moment, so the page asks for the curve after it has shown.</summary>
    public async Task<IActionResult> OnGetCurveAsync(CancellationToken ct)
    {
        if (await ResolveUserAsync(ct) is { } refused) return refused;
        if (UserId is null) return BadRequest("No user.");
        var current = await labels.ListAsync(UserId, ct);
        var now = await registry.FindServingAsync(UserId, ct);
        // Same serving version and same labels: the same curve.
        var key = (nameof(ServingModelCurve), UserId, now?.Version, current.Count, current.Count == 0 ? default : current.Max(l => l.LabeledAt));
        Curve = await cache.GetOrCreateAsync(key, async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(30);
            return await curves.ComputeAsync(UserId, ct);
        });
        return Partial("_Curve", this);
    }

    public Task<IActionResult> OnPostPromoteAsync(string? version, CancellationToken ct) => OverrideAsync(version, "version", "promoted", async number =>
    {
        var promoted = await serving.PromoteAsync(UserId!, number, ct);
        return $"v{promoted.Version} ({promoted.Family}, F1 {promoted.Metrics.ShownF1():0.00}) is serving.";
    }, ct);

    /// <param name="from">The version the page showed serving: a second press of the same button goes back no further.</param>
    public Task<IActionResult> OnPostRollbackAsync(string? from, CancellationToken ct) => OverrideAsync(from, "from", "rolled back", async seen =>
    {
        var restored = await serving.RollbackAsync(UserId!, ct, seen);
        return $"v{restored.Version} ({restored.Family}, F1 {restored.Metrics.ShownF1():0.00}) is serving again.";
    }, ct);

    /// <summary>Runs <paramref name="change"/> with the version the form names; one that is no number changes nothing (400).</summary>
    async Task<IActionResult> OverrideAsync(string? version, string field, string nothingDone, Func<int, Task<string>> change, CancellationToken ct)
    {
        if (await ResolveUserAsync(ct) is { } refused) return refused;
        if (UserId is null) return NoUser();
        if (PressValues.Version(version, field, nothingDone, out var number) is { } unread) return unread;
        try
        {
            TempData[MessageKey] = await change(number);
        }
        catch (ServingOverrideException e)
        {
            TempData[MessageKey] = e.Message;
        }
        return RedirectToPage(new { user = UserId });
    }

    /// <summary>Versions oldest first as uPlot's columns: version, F1, average precision.</summary>
    public string ChartJson() => JsonSerializer.Serialize(new
    {
        versions = Versions.OrderBy(v => v.Version).Select(v => v.Version),
        f1 = Versions.OrderBy(v => v.Version).Select(v => v.Metrics.ShownF1()),
        ap = Versions.OrderBy(v => v.Version).Select(v => v.Metrics.ShownAveragePrecision()),
    });

    public string CurveJson() => JsonSerializer.Serialize(new
    {
        recall = Curve!.Points.Select(p => p.Recall),
        precision = Curve.Points.Select(p => p.Precision),
    });
}
