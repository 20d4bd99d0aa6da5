namespace Konomi.Hosting;

/// <summary>Section <c>RabbitMq</c>. No host means the in-memory transport (one process).</summary>
public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    public string? Host { get; set; }
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";
}
