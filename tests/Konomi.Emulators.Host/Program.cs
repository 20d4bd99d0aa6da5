using System.Globalization;
using System.Runtime.InteropServices;
using Konomi.Emulators.DLsite;
using Konomi.Emulators.Slack;
using Microsoft.AspNetCore.Connections;

// dlsite-emulator [--port 5123] [--works 40] [--every 00:10:00]: a local DLsite with new works arriving on a schedule;
// with --slack-port N also a local Slack workspace, driven by commands on stdin (SlackConsole.Help), whose presses go
// over Socket Mode, or signed to --interactions URL with --signing-secret S (Konomi's Feedback:Mode=http).
var port = Option("--port", 5123, int.Parse);
var slackPort = Option("--slack-port", 0, int.Parse);
var interactions = Option<Uri?>("--interactions", null, s => new Uri(s, UriKind.Absolute));
var signingSecret = Option<string?>("--signing-secret", null, s => s);
// Enough to label to a first model (Trainer:MinLabels, 20) with both answers, without waiting hours for new ones.
var works = Option("--works", 40, int.Parse);
var every = Option("--every", TimeSpan.FromMinutes(10), s => TimeSpan.Parse(s, CultureInfo.InvariantCulture));

using var stop = new CancellationTokenSource();
// SIGTERM too (kill, a service manager): the emulator's web host takes it otherwise and stops serving while this loop waits on.
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await using var dlsite = await StartOrExitAsync();
dlsite.AddWorks(works);
Console.WriteLine($"DLsite emulator at {dlsite.BaseUrl} with {works} works, one more every {every}. Point Konomi at it:");
Console.WriteLine($"  konomi run --base-url {dlsite.BaseUrl}");
await using var slack = slackPort > 0 ? await StartSlackOrExitAsync() : null;
Console.WriteLine("Ctrl+C stops it.");
try
{
    while (true)
    {
        await Task.Delay(every, stop.Token);
        var added = dlsite.AddWorks(1)[0];
        Console.WriteLine($"new work {added.Id}: {added.Title}");
    }
}
catch (OperationCanceledException)
{
}

async Task<DLsiteEmulator> StartOrExitAsync()
{
    try
    {
        return await DLsiteEmulator.StartAsync(stop.Token, port);
    }
    catch (IOException e) when (e.InnerException is AddressInUseException)
    {
        Console.Error.WriteLine($"dlsite-emulator: port {port} is already in use (another emulator?): stop it, or give this one --port with a free port.");
        Environment.Exit(1);
        throw;
    }
}

async Task<SlackEmulator> StartSlackOrExitAsync()
{
    SlackEmulator started;
    try
    {
        started = await SlackEmulator.StartAsync(stop.Token, slackPort);
    }
    catch (IOException e) when (e.InnerException is AddressInUseException)
    {
        Console.Error.WriteLine($"dlsite-emulator: --slack-port {slackPort} is already in use: give it a free port.");
        Environment.Exit(1);
        throw;
    }
    Console.WriteLine($"Slack emulator at {started.ApiBaseUrl}. Point Konomi at it:");
    Console.WriteLine($"  Slack__ApiBaseUrl={started.ApiBaseUrl} Slack__BotToken={started.BotToken} Slack__AppToken={started.AppToken}");
    Console.WriteLine(interactions is null || signingSecret is null
        ? "Presses go over Socket Mode."
        : $"Presses go to {interactions} signed with the signing secret (Feedback__Mode=http, Slack__SigningSecret).");
    Console.WriteLine(SlackConsole.Help);
    _ = new SlackConsole(started, signingSecret is null ? null : interactions, signingSecret).RunAsync(Console.In, stop.Token);
    return started;
}

void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stop.Cancel();
}

T Option<T>(string name, T fallback, Func<string, T> parse)
{
    var at = Array.IndexOf(args, name);
    if (at < 0) return fallback;
    try
    {
        return parse(at + 1 < args.Length ? args[at + 1] : throw new FormatException("missing"));
    }
    catch (Exception e) when (e is FormatException or OverflowException)
    {
        Console.Error.WriteLine($"dlsite-emulator: {name} needs a value like the default ({fallback}): {e.Message}");
        Environment.Exit(2);
        throw;
    }
}
