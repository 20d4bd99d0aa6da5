using System.Xml.Linq;
using Konomi.Storage.Ports;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Konomi.Web;

/// <summary>
/// The keys behind the forms' anti-forgery tokens, kept in the store the app already uses (SQLite in the data
/// directory, or the MongoDB database every replica shares): a page loaded before a restart, or from another replica,
/// still takes its press. Left to itself ASP.NET keeps them in memory in a container and in ~/.aspnet on a desktop.
/// </summary>
static class FormKeys
{
    public static IServiceCollection AddFormKeys(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("konomi");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
        {
            options.XmlRepository = new StoredKeyRing(provider.GetRequiredService<IKeyRingStore>());
            options.XmlEncryptor = new KeysInTheClear();
        }));
        return services;
    }
}

/// <summary>
/// Data Protection's key repository over <see cref="IKeyRingStore"/>. Replicas starting together on an empty store
/// each make a first key; only one is kept, and Data Protection, reading the ring again after storing, serves that one.
/// Were both kept, a replica that read the ring before the other's key landed would refuse that replica's forms
/// ("reload the page") once past its first two minutes (the only time it looks again for a key it does not know)
/// until its daily refresh.
/// </summary>
sealed class StoredKeyRing(IKeyRingStore store) : IXmlRepository
{
    volatile bool _readEmpty;

    // Data Protection asks synchronously, at start and when its cached ring expires (a day), not per request.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var ring = store.ListAsync().GetAwaiter().GetResult().Select(XElement.Parse).ToList();
        _readEmpty = ring.Count == 0;
        return ring;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        var xml = element.ToString(SaveOptions.DisableFormatting);
        if (_readEmpty)
            store.AddFirstAsync(friendlyName, xml).GetAwaiter().GetResult();
        else
            store.AddAsync(friendlyName, xml).GetAwaiter().GetResult();
    }
}

/// <summary>
/// Keys stored unencrypted, on purpose. They sit beside the data they protect, in the same store with the same access:
/// whoever can read them can already write labels and models directly, and all they guard is the forms' anti-forgery
/// tokens. Encrypting them would need a certificate or secret handed to every replica, for no protection the store's
/// own access does not give. Saying so here also keeps ASP.NET's "No XML encryptor configured" warning off every first start.
/// </summary>
sealed class KeysInTheClear : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement("unencryptedKey", new XComment(" Stored unencrypted on purpose: see KeysInTheClear in Konomi.Web. "), new XElement(plaintextElement)),
            typeof(NullXmlDecryptor));
}
