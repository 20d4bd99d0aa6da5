namespace Konomi.Settings;

/// <summary>A setting whose value cannot be used, found while the host is composed (before options are validated on start).</summary>
public sealed class SettingException(string message) : Exception(message);
