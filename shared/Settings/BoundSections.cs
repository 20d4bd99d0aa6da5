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

    /// <summary>
    /// The sections above <paramref name="section"/> that no class is bound to (<c>Bus</c> above <c>Bus:Retry</c>): they
    /// hold only bound sections. Not the root: it holds the whole environment.
    /// </summary>
    internal IEnumerable<string> UnboundParentsOf(string section)
    {
        lock (classes)
        {
            var parents = new List<string>();
            for (var end = section.LastIndexOf(':'); end > 0; end = section.LastIndexOf(':', end - 1))
                if (!classes.ContainsKey(section[..end])) parents.Add(section[..end]);
            return parents;
        }
    }

    /// <summary>The names of the bound sections right under <paramref name="parent"/>: <c>Retry</c> for <c>Bus</c>.</summary>
    internal IEnumerable<string> SubsectionsOf(string parent)
    {
        lock (classes)
            return [.. classes.Keys.Where(s => s.StartsWith(parent + ":", StringComparison.OrdinalIgnoreCase))
                .Select(s => s[(parent.Length + 1)..].Split(':')[0])];
    }

    /// <summary>Whether <paramref name="path"/> is a bound section or lies on the way to one (<c>TasteModels:Input</c>).</summary>
    internal bool Opens(string path)
    {
        lock (classes)
            return classes.Keys.Any(s => s.Equals(path, StringComparison.OrdinalIgnoreCase) || s.StartsWith(path + ":", StringComparison.OrdinalIgnoreCase));
    }
}
