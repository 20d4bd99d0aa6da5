using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Konomi.Settings;

/// <summary>
/// Refuses a key of the section that no options class bound there has: the binder ignores it, so a misspelt setting
/// would silently keep its default. Suggests the setting within edit distance 2. A key is a setting when it is a
/// property of a class bound to the section, a subsection that class declares, or a section bound here on its own.
/// </summary>
sealed class UnknownSettings<T>(string? name, string section, IConfiguration configuration, BoundSections sections) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? optionsName, T options)
    {
        if (optionsName != name) return ValidateOptionsResult.Skip;
        var failures = new List<string>();
        Check(configuration.GetSection(section), sections.ClassesOf(section), failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    void Check(IConfigurationSection config, IReadOnlyCollection<Type> types, List<string> failures)
    {
        var properties = types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.GetIndexParameters().Length == 0).ToList();
        foreach (var child in config.GetChildren())
        {
            if (properties.FirstOrDefault(p => p.Name.Equals(child.Key, StringComparison.OrdinalIgnoreCase)) is { } property)
            {
                if (IsGroup(property.PropertyType)) Check(child, [property.PropertyType], failures);
                continue;
            }
            if (Declared(types, child.Path) || sections.Opens(child.Path)) continue;
            var known = properties.Select(p => p.Name).Concat(Subsections(types, config.Path));
            failures.Add(Unknown(child.Path, config.Path, known.Distinct(StringComparer.OrdinalIgnoreCase).Order().ToList()));
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
