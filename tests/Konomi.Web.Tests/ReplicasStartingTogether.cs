using System.Reflection;
using System.Xml.Linq;
using Konomi.Storage.Ports;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace Konomi.Web.Tests;

/// <summary>
/// Two replicas' form keys over one empty store as if both started at the same instant: both read the ring empty and
/// make a first key, and the key Data Protection would prefer of the two is stored last, after the other replica has
/// read the ring again (its ring then lacks that key). Without that order the race may or may not bite.
/// </summary>
public sealed class ReplicasStartingTogether
{
    readonly Lock _gate = new();
    readonly List<(Replica Replica, DateTimeOffset Activation, Guid KeyId)> _firstKeys = [];
    readonly TaskCompletionSource<Replica> _storesFirst = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>For <see cref="WebApp.StartAsync"/>'s services: this app is one of the two.</summary>
    public void Join(IServiceCollection services)
    {
        var stored = services.Single(d => d.ServiceType == typeof(IKeyRingStore));
        services.Remove(stored);
        services.AddSingleton<IKeyRingStore>(sp => new Replica(this, (IKeyRingStore)ActivatorUtilities.CreateInstance(sp, stored.ImplementationType!)));
    }

    /// <summary>
    /// Data Protection refreshes its ring on a form naming a key it does not know only in a replica's first two minutes
    /// (<c>KeyRingProvider.AutoRefreshWindowEnd</c>, on the wall clock; it takes no TimeProvider): ended here, the app is
    /// as it is once those minutes have passed.
    /// </summary>
    public static void EndKeyRefreshWindow(WebApp app)
    {
        var provider = app.Get<IKeyRingProvider>();
        var window = provider.GetType().GetProperty("AutoRefreshWindowEnd", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"{provider.GetType()} has no AutoRefreshWindowEnd any more: see how it refreshes on an unknown key now.");
        window.SetValue(provider, DateTime.UtcNow);
    }

    /// <summary>Waits until both replicas bring a first key; the one Data Protection would not prefer goes first.</summary>
    async Task TakeTurnAsync(Replica replica, string xml)
    {
        var key = XElement.Parse(xml);
        lock (_gate)
        {
            _firstKeys.Add((replica, (DateTimeOffset)key.Element("activationDate")!, (Guid)key.Attribute("id")!));
            if (_firstKeys.Count == 2)
                // Data Protection's default key: the latest activation, then the lowest id.
                _storesFirst.SetResult(_firstKeys.OrderByDescending(k => k.Activation).ThenBy(k => k.KeyId).Last().Replica);
        }
        var ct = TestContext.Current.CancellationToken;
        var first = await _storesFirst.Task.WaitAsync(ct);
        if (first != replica)
            await first.ReadAfterStoring.WaitAsync(ct);
    }

    sealed class Replica(ReplicasStartingTogether race, IKeyRingStore store) : IKeyRingStore
    {
        readonly TaskCompletionSource _readAfterStoring = new(TaskCreationOptions.RunContinuationsAsynchronously);
        volatile bool _stored;

        public Task ReadAfterStoring => _readAfterStoring.Task;

        public async Task<IReadOnlyList<string>> ListAsync(CancellationToken ct = default)
        {
            var ring = await store.ListAsync(ct);
            if (_stored)
                _readAfterStoring.TrySetResult();
            return ring;
        }

        public async Task AddAsync(string name, string xml, CancellationToken ct = default)
        {
            await race.TakeTurnAsync(this, xml);
            await store.AddAsync(name, xml, ct);
            _stored = true;
        }

        public async Task<bool> AddFirstAsync(string name, string xml, CancellationToken ct = default)
        {
            await race.TakeTurnAsync(this, xml);
            var kept = await store.AddFirstAsync(name, xml, ct);
            _stored = true;
            return kept;
        }
    }
}
