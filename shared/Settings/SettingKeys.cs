using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Konomi.Settings;

/// <summary>
/// The keys of a section checked against the settings classes read from it. A key is a setting when it is a property
/// of one of those classes, a subsection a class declares, or a section bound on its own; otherwise it is refused with
/// the setting within edit distance 2. A setting's value must convert to the property's type, as the binder would.
/// </summary>
public static class SettingKeys
{
    /// <summary>
    /// Why the keys of <paramref name="section"/>, read by hand as a <paramref name="settings"/> (each entry of a list such
    /// as <c>Users:0</c>), cannot be used; empty when they can.
    /// </summary>
    public static IReadOnlyList<string> Problems(IConfigurationSection section, Type settings)
    {
        var failures = new List<string>();
        Check(section, [settings], null, failures);
        return failures;
    }

    /// <param name="unconvertible">Gets the path of each key whose value does not convert, when given.</param>
    internal static void Check(IConfigurationSection config, IReadOnlyCollection<Type> types, BoundSections? sections, List<string> failures,
        ISet<string>? unconvertible = null)
    {
        var properties = types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.GetIndexParameters().Length == 0).ToList();
        foreach (var child in config.GetChildren())
        {
            if (properties.FirstOrDefault(p => p.Name.Equals(child.Key, StringComparison.OrdinalIgnoreCase)) is { } property)
            {
                if (IsGroup(property.PropertyType)) Check(child, [property.PropertyType], sections, failures, unconvertible);
                else if (Unconvertible(child, property.PropertyType) is { } failure)
                {
                    failures.Add(failure);
                    unconvertible?.Add(child.Path);
                }
                continue;
            }
            if (Declared(types, child.Path) || sections?.Opens(child.Path) == true) continue;
            var known = properties.Select(p => p.Name).Concat(Subsections(types, config.Path))
                .Concat(sections?.SubsectionsOf(config.Path) ?? []);
            failures.Add(Unknown(child.Path, config.Path, known.Distinct(StringComparer.OrdinalIgnoreCase).Order().ToList()));
        }
    }

    /// <summary>
    /// Binds <paramref name="section"/> to <paramref name="options"/> as the binder does, leaving out each value that does
    /// not convert (<see cref="SectionCheck{T}"/> names it): the binder would throw at the first and leave the keys after it
    /// unbound, so their own failures (a value out of range) would wait for the next start to be told.
    /// </summary>
    internal static void Bind(IConfigurationSection section, object options)
    {
        var unconvertible = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Check(section, [options.GetType()], null, [], unconvertible);
        if (unconvertible.Count == 0)
        {
            section.Bind(options);
            return;
        }
        var convertible = section.AsEnumerable()
            .Where(kv => !unconvertible.Any(key => kv.Key.Equals(key, StringComparison.OrdinalIgnoreCase) || kv.Key.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)));
        new ConfigurationBuilder().AddInMemoryCollection(convertible).Build().GetSection(section.Path).Bind(options);
    }

    /// <summary>The binder's own conversion, tried on this one key; null when it converts.</summary>
    static string? Unconvertible(IConfigurationSection key, Type type)
    {
        try
        {
            key.Get(type);
            return null;
        }
        catch (InvalidOperationException e) when (SettingFailures.IsConversion(e))
        {
            // A list's element names itself (Key:2); a plain value is described by its own type (an enum's names).
            return key.Value is { } value ? SettingFailures.Unconvertible(key.Path, value, type) : SettingFailures.Describe(e);
        }
    }

    /// <summary>
    /// A subsection bound by a class of its own is declared on the section's class as a <c>…Section</c> constant
    /// (<c>CrawlerOptions.RetrySection = "Crawler:Retry"</c>), so it is a setting even where this host does not bind it.
    /// </summary>
    static bool Declared(IReadOnlyCollection<Type> types, string path) =>
        Constants(types).Any(s => s.Equals(path, StringComparison.OrdinalIgnoreCase) || s.StartsWith(path + ":", StringComparison.OrdinalIgnoreCase));

    /// <summary>The names of the subsections declared under <paramref name="parent"/>: <c>Retry</c> for <c>Crawler</c>.</summary>
    static IEnumerable<string> Subsections(IReadOnlyCollection<Type> types, string parent) =>
        Constants(types).Where(s => s.StartsWith(parent + ":", StringComparison.OrdinalIgnoreCase))
            .Select(s => s[(parent.Length + 1)..].Split(':')[0]);

    static IEnumerable<string> Constants(IReadOnlyCollection<Type> types) =>
        types.SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    /// <summary>A settings class nested in the section (<c>Feedback:Reconnect</c>); lists and dictionaries take any key.</summary>
    static bool IsGroup(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && !typeof(IEnumerable).IsAssignableFrom(type);

    static string Unknown(string path, string parent, IReadOnlyList<string> known)
    {
        var key = path[(path.LastIndexOf(':') + 1)..];
        return EditDistance.Nearest(key, known) is { } nearest
            ? $"{path} is not a setting; did you mean {parent}:{nearest}?"
            : $"{path} is not a setting of {parent} (its settings: {string.Join(", ", known)})";
    }
}
