using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Konomi.Web.Tests.Browser))]

namespace Konomi.Web.Tests;

/// <summary>
/// Debian's chromium driven by Playwright, one per test run. No browser is downloaded: a machine without
/// <c>/usr/bin/chromium</c> (or <c>KONOMI_CHROMIUM</c>) fails every browser test with how to install it.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    IPlaywright? _playwright;
    IBrowser? _browser;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("KONOMI_CHROMIUM") ?? "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"No chromium at {ExecutablePath}: the browser tests need it. Install it with `apt-get install -y chromium fonts-noto-cjk` (tests/infra.sh does) or set KONOMI_CHROMIUM.");
        // A budget for waiting on pages, not a speed check: CI machines run these beside other builds.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Args = ["--no-sandbox"], Headless = true });
    }

    /// <summary>A fresh context (own cookies) with one page, Japanese locale.</summary>
    public async Task<IPage> NewPageAsync(int width = 1200, int height = 900)
    {
        var context = await _browser!.NewContextAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = width, Height = height } });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
