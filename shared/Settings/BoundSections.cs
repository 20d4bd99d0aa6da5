using Microsoft.Extensions.DependencyInjection;

namespace Konomi.Settings;

/// <summary>
/// The configuration sections bound with <see cref="SettingsExtensions.BindSettings{T}"/> and their options classes:
/// a section's keys are those of its classes, and a key may also open a section bound on its own (<c>Crawler:Retry</c>).
/// </summary>
public sealed class BoundSections
{
    readonly Dictionary<string, HashSet<Type>> classes = new(StringComparer.OrdinalIgnoreCase);
    readonly HashSet<(string Section, Type Options, string? Name)> bound = [];

    internal static BoundSections In(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(BoundSections))?.ImplementationInstance is BoundSections known)
            return known;
        var sections = new BoundSections();
        services.AddSingleton(sections);
        return sections;
    }

    /// <summary>False when these options were already bound from this section (a command host binding what a library also binds).</summary>
    internal bool Add(string section, Type options, string? name)
    {
        lock (classes)
        {
            if (!bound.Add((section.ToUpperInvariant(), options, name))) return false;
            if (!classes.TryGetValue(section, out var types)) classes[section] = types = [];
            types.Add(options);
            return true;
        }
    }

    internal IReadOnlyCollection<Type> ClassesOf(string section)
    {
        lock (classes) return classes.TryGetValue(section, out var types) ? [.. types] : [];
    }

    /// <summary>Whether <paramref name="path"/> is a bound section or lies on the way to one (<c>TasteModels:Input</c>).</summary>
    internal bool Opens(string path)
    {
        lock (classes)
            return classes.Keys.Any(s => s.Equals(path, StringComparison.OrdinalIgnoreCase) || s.StartsWith(path + ":", StringComparison.OrdinalIgnoreCase));
    }
}
