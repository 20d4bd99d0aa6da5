namespace Konomi.Slack;

/// <summary>Slack's address of a posted message: the channel id and the message ts.</summary>
public sealed record PostedMessage(string Channel, string Ts);
