using Konomi.Storage.Ports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Konomi.Web.Pages;

/// <summary>A page about one user, picked from the known ones (<c>?user=</c>, the first known user by default).</summary>
public abstract class UserPage(IUserStore users) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    public IReadOnlyList<string> KnownUsers { get; private set; } = [];

    /// <summary>Null when <see cref="UserId"/> names a known user (or none is known yet); otherwise the answer to give.</summary>
    protected async Task<IActionResult?> ResolveUserAsync(CancellationToken ct)
    {
        KnownUsers = [.. (await users.ListAsync(ct)).Select(u => u.UserId).Order(StringComparer.Ordinal)];
        UserId ??= KnownUsers.FirstOrDefault();
        if (UserId is null || KnownUsers.Contains(UserId)) return null;
        return NotFound($"Unknown user '{UserId}'. Known users: {string.Join(", ", KnownUsers)}.");
    }

    public string Link(string page) => UserId is null ? page : $"{page}?user={Uri.EscapeDataString(UserId)}";
}
