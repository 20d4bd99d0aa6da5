using System.Reflection;
using System.Xml.Linq;
using Konomi.Contracts;
using Konomi.Settings;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.Testing;

namespace Konomi.Labelling.Tests.Layering;

/// <summary>
/// The domain (contracts, settings, storage ports, taste models, labelling) stands on nothing that talks to the outside:
/// no broker, database driver, web framework or Slack client, and no Konomi project above it, so it can be reasoned
/// about, tested and reused without any of them. Adapters and hosts depend on it, never the other way.
/// </summary>
public sealed class DomainReferenceTests
{
    static readonly Assembly[] Domain =
    [
        typeof(Work).Assembly, typeof(SettingFailures).Assembly, typeof(ILabelStore).Assembly,
        typeof(ITasteModelFamily).Assembly, typeof(QuestionOrder).Assembly,
    ];

    static readonly string[] Infrastructure =
    [
        "Microsoft.AspNetCore", "MassTransit", "RabbitMQ", "MongoDB", "Microsoft.Data.Sqlite", "SQLitePCL",
        "OpenTelemetry", "Microsoft.Extensions.Http", "AngleSharp", "Spectre.Console", "System.CommandLine",
    ];

    static readonly string[] DomainNames = [.. Domain.Select(a => a.GetName().Name!)];

    public static TheoryData<string> DomainAssemblies => [.. DomainNames];

    [Theory]
    [MemberData(nameof(DomainAssemblies))]
    public void A_domain_assembly_references_no_infrastructure_assembly(string assembly)
    {
        var references = Domain.Single(a => a.GetName().Name == assembly).GetReferencedAssemblies().Select(r => r.Name!).ToList();

        references.Where(r => Infrastructure.Any(i => r.StartsWith(i, StringComparison.Ordinal)))
            .ShouldBeEmpty($"{assembly} is domain: a driver, broker, web or Slack dependency belongs in an adapter or a host");
        references.Where(r => r.StartsWith("Konomi.", StringComparison.Ordinal) && !DomainNames.Contains(r))
            .ShouldBeEmpty($"{assembly} is domain: it may reference only other domain projects, never infrastructure, a service or a host");
    }

    [Theory]
    [MemberData(nameof(DomainAssemblies))]
    public void A_domain_project_does_not_take_the_ASP_NET_Core_framework(string assembly)
    {
        // An assembly lists only what its code calls; the framework reference is what ships (and what a careless
        // `using` could reach), so the project file is checked too.
        var project = Directory.EnumerateFiles(Path.Combine(Repository.Root, "shared"), assembly + ".csproj", SearchOption.AllDirectories).Single();

        XDocument.Load(project).Descendants("FrameworkReference").Select(f => f.Attribute("Include")!.Value)
            .ShouldBeEmpty($"{assembly} needs Microsoft.Extensions abstractions, not ASP.NET Core");
    }
}
