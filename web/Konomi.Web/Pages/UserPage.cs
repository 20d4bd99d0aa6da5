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
        UserId ??= OnlyUser ?? KnownUsers.FirstOrDefault();
        if (OnlyUser is { } only && UserId != only)
            return Refused($"This token opens {only}'s pages only.");
        if (UserId is null || KnownUsers.Contains(UserId)) return null;
        return NotFound($"Unknown user '{UserId}'. Known users: {string.Join(", ", KnownUsers)}.");
    }

    /// <summary>403 with the reason in plain text (there is no authentication scheme for <c>Forbid()</c> to challenge).</summary>
    protected static ContentResult Refused(string reason) =>
        new() { StatusCode = StatusCodes.Status403Forbidden, ContentType = "text/plain; charset=utf-8", Content = reason };

    public string Link(string page) => UserId is null ? page : $"{page}?user={Uri.EscapeDataString(UserId)}";
}
