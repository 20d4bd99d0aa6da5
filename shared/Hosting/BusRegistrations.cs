using MassTransit;

namespace Konomi.Hosting;

/// <summary>
/// Consumers each service library contributes. The bus is configured once per process, after every
/// library has added its consumers, so one host can compose one service or all of them.
/// </summary>
public sealed class BusRegistrations
{
    readonly List<Action<IBusRegistrationConfigurator>> _registrations = [];

    public void Add(Action<IBusRegistrationConfigurator> registration) => _registrations.Add(registration);

    public void ApplyTo(IBusRegistrationConfigurator configurator)
    {
        foreach (var registration in _registrations)
            registration(configurator);
    }
}
