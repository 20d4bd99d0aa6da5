using Konomi.Storage.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Konomi.Web.Pages;

/// <summary>A page about one user, picked from the known ones (<c>?user=</c>, the first known user by default).</summary>
public abstract class UserPage(IUserStore users) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    public IReadOnlyList<string> KnownUsers { get; private set; } = [];

    /// <summary>The one user a person's token opens; null when every user's pages are open (loopback, the operator's token).</summary>
    protected string? OnlyUser => HttpContext.Features.Get<WebViewer>()?.UserId;

    /// <summary>True for the operator (loopback, <c>Web:Token</c>): what belongs to nobody (the crawler's state) is theirs to change.</summary>
    public bool IsOperator => OnlyUser is null;

    /// <summary>
    /// Null when <see cref="UserId"/> names a known user (or none is known yet) that this visitor may see; otherwise the
    /// answer to give: a person's token never reaches another user's page, read or write.
    /// </summary>
    protected async Task<IActionResult?> ResolveUserAsync(CancellationToken ct)
    {
        KnownUsers = [.. (await users.ListAsync(ct)).Select(u => u.UserId).Where(u => OnlyUser is null || u == OnlyUser).Order(StringComparer.Ordinal)];
        // A page shown without ?user= opens on the first user; a change must say whose it is, or it would land on theirs.
        UserId ??= OnlyUser ?? (IsReading ? KnownUsers.FirstOrDefault() : null);
        if (OnlyUser is { } only && UserId != only)
            return Refused($"This token opens {only}'s pages only.");
        if (UserId is null || KnownUsers.Contains(UserId)) return null;
        return NotFound($"Unknown user '{UserId}'. Known users: {string.Join(", ", KnownUsers)}.");
    }

    bool IsReading => HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method);

    /// <summary>400 for a change that names no user: the form always sends one, so a client left it out.</summary>
    protected static ContentResult NoUser() => PlainAnswer.Of(StatusCodes.Status400BadRequest, "Name the user this is for (user=…).");

    /// <summary>Null when <paramref name="work"/> names a stored work; otherwise the 400 or 404 that says what is wrong.</summary>
    protected static async Task<IActionResult?> RequireWorkAsync(IWorkStore works, string? work, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(work)) return PlainAnswer.Of(StatusCodes.Status400BadRequest, "Name the work this is for (work=…): nothing was labelled.");
        if (await works.FindAsync(work, ct) is not null) return null;
        return PlainAnswer.Of(StatusCodes.Status404NotFound, $"No work '{PressValues.Shown(work)}' is stored: nothing was labelled.");
    }

    /// <summary>403 with the reason in plain text (there is no authentication scheme for <c>Forbid()</c> to challenge).</summary>
    protected static ContentResult Refused(string reason) => PlainAnswer.Of(StatusCodes.Status403Forbidden, reason);

    /// <summary>
    /// The answer to a press: the fragment htmx swaps in, or, for a browser without scripts (a plain form post), the
    /// whole page again, not a bare fragment.
    /// </summary>
    protected IActionResult Pressed(string partial, object model) =>
        Request.Headers.ContainsKey("HX-Request") ? Partial(partial, model) : RedirectToPage(new { user = UserId });

    public string Link(string page) => UserId is null ? page : $"{page}?user={Uri.EscapeDataString(UserId)}";
}
