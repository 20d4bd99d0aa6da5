using Konomi.Contracts;
using Konomi.Storage.Ports;

namespace Konomi.Notifier;

/// <summary>A ledger entry with the work and the verdict its message shows.</summary>
public sealed record NotifiedWork(Notification Entry, Work Work, WorkScored Verdict);
