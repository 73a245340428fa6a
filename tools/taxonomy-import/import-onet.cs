#:property PublishAot=false
// Generates src/Core/TalentMatch.Core.Skills/Taxonomy/generic-onet.json from the O*NET "Technology Skills" file (CC BY 4.0).
// Reproducible: same input, same output (sorted, no timestamps).
//   dotnet run tools/taxonomy-import/import-onet.cs -- "../shared/data/onet_technology_skills/Technology Skills.txt" src/Core/TalentMatch.Core.Skills/Taxonomy
// Hand-curated files in the output folder win: an O*NET product already named by a curated alias is skipped.
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: import-onet.cs <Technology Skills.txt> <taxonomy folder>");
    return 2;
}

var (onetPath, taxonomyDir) = (args[0], args[1]);
const string OutputFile = "generic-onet.json";

// Single words that are products in O*NET but ordinary words in a job ad.
var commonWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
{
    "Access", "Box", "Teams", "Slack", "Zoom", "Word", "Outlook", "Project", "Notes", "Sketch", "Target", "Chrome",
    "Edge", "Office", "Excel", "Sheets", "Docs", "Forms", "Keynote", "Pages", "Numbers", "Photos", "Maps", "Mail",
    "Calendar", "Drive", "Meet", "Windows", "Shell", "Bridge", "Compass", "Focus", "Prism", "Spark", "Hive", "Oracle",
    "Amazon", "Google", "Apple", "Microsoft", "IBM", "SAP", "Basecamp", "Trello", "Asana", "Monday", "Flow", "Stream",
    "Delta", "Alteryx", "Atlas", "Mercury", "Phoenix", "Puppet", "Chef", "Salt", "Vault", "Consul", "Gradle", "Maven",
    "Ant", "Make", "Go", "R", "C", "D", "Dart", "Swift", "Julia", "Ruby", "Rust", "Scheme", "Logo", "Pascal", "Prolog",
    "Pig", "Storm", "Presto", "Airflow", "Nagios", "Splunk", "Tableau", "Looker", "Qlik", "Domo", "Plan", "Visio", "Lotus",
    "Fusion", "Revit", "Maya", "Blender", "Unity", "Unreal", "Acrobat", "Illustrator", "Photoshop", "InDesign", "Dreamweaver",
    "Facebook", "Twitter", "LinkedIn", "YouTube", "Instagram", "Blackboard", "Canvas", "Moodle", "Epic", "Cerner",
};
// Vendor prefixes that job ads often drop ("Microsoft Visual Studio" → "Visual Studio").
string[] vendors = ["Microsoft", "Oracle", "IBM", "Apache", "Adobe", "Google", "Amazon", "SAP", "Autodesk", "Atlassian", "Red Hat", "VMware", "Cisco", "Salesforce"];
// O*NET commodity titles that sit under a curated node.
var parents = new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["Data base management system software"] = "databases",
    ["Data base user interface and query software"] = "databases",
    ["Object or component oriented development software"] = "programming-languages",
    ["Development environment software"] = "software-engineering",
    ["Program testing software"] = "software-engineering",
    ["Web platform development software"] = "frontend-development",
    ["Analytical or scientific software"] = "data-analysis",
    ["Business intelligence and data analysis software"] = "data-analysis",
    ["Data mining software"] = "data-analysis",
    ["Operating system software"] = "linux",
    ["Configuration management software"] = "devops",
    ["Cloud-based management software"] = "cloud-computing",
    ["Cloud-based data access and sharing software"] = "cloud-computing",
    ["File versioning software"] = "git",
};

static string Fold(string s) => Regex.Replace(s.ToLowerInvariant().Replace('-', ' ').Replace('_', ' '), @"\s+", " ").Trim();
static string Slug(string s) => Regex.Replace(Fold(s).Replace("+", "plus", StringComparison.Ordinal).Replace("#", "sharp", StringComparison.Ordinal), @"[^a-z0-9]+", "-").Trim('-');

// Everything the curated files already name, so imports never shadow or duplicate them.
var curatedNames = new HashSet<string>(StringComparer.Ordinal);
var curatedIds = new HashSet<string>(StringComparer.Ordinal);
foreach (var file in Directory.GetFiles(taxonomyDir, "*.json").Where(f => Path.GetFileName(f) is not (OutputFile or "manifest.json")))
{
    using var doc = JsonDocument.Parse(File.ReadAllText(file));
    foreach (var skill in doc.RootElement.GetProperty("skills").EnumerateArray())
    {
        curatedIds.Add(skill.GetProperty("id").GetString()!);
        foreach (var key in new[] { "aliases", "ambiguous" })
        {
            if (skill.TryGetProperty(key, out var list))
            {
                foreach (var a in list.EnumerateArray())
                {
                    curatedNames.Add(Fold(a.GetString()!));
                }
            }
        }

        curatedNames.Add(Fold(skill.GetProperty("name").GetString()!));
        if (skill.TryGetProperty("zh", out var zh))
        {
            curatedNames.Add(Fold(zh.GetString()!));
        }
    }
}

// Columns: O*NET-SOC Code, Example, Commodity Code, Commodity Title, Hot Technology, In Demand.
var rows = File.ReadLines(onetPath, Encoding.UTF8).Skip(1).Select(l => l.Split('\t')).Where(c => c.Length >= 5);
var products = rows
    .Where(c => c[0].StartsWith("15-", StringComparison.Ordinal) || c[4] == "Y") // computing occupations, or hot anywhere
    .GroupBy(c => c[1].Trim(), StringComparer.Ordinal)
    .Select(g => (Name: g.Key, Commodity: g.GroupBy(c => c[3]).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key))
    .OrderBy(p => p.Name, StringComparer.Ordinal);

var skills = new List<Dictionary<string, object>>();
var usedIds = new HashSet<string>(curatedIds, StringComparer.Ordinal);
var skipped = 0;
foreach (var (name, commodity) in products)
{
    var isSingleWord = !name.Contains(' ', StringComparison.Ordinal);
    if (name.Length < 3 || curatedNames.Contains(Fold(name)) || (isSingleWord && commonWords.Contains(name)))
    {
        skipped++;
        continue;
    }

    var aliases = new List<string>();
    foreach (var vendor in vendors)
    {
        if (name.StartsWith(vendor + " ", StringComparison.Ordinal))
        {
            var rest = name[(vendor.Length + 1)..];
            if (rest.Contains(' ', StringComparison.Ordinal) && !curatedNames.Contains(Fold(rest)))
            {
                aliases.Add(rest);
            }
        }
    }

    var id = "onet-" + Slug(name);
    if (id == "onet-" || !usedIds.Add(id))
    {
        skipped++;
        continue;
    }

    curatedNames.Add(Fold(name));
    var skill = new Dictionary<string, object>
    {
        ["id"] = id,
        ["name"] = name,
        ["aliases"] = aliases,
        ["category"] = Slug(commodity),
        ["parents"] = parents.TryGetValue(commodity, out var parent) ? new[] { parent } : Array.Empty<string>(),
        ["related"] = Array.Empty<string>(),
    };
    skills.Add(skill);
}

var output = new StringBuilder();
output.Append("{\n  \"source\": \"generated by tools/taxonomy-import/import-onet.cs from O*NET 28.x Technology Skills (CC BY 4.0, U.S. Department of Labor/ETA); do not edit by hand\",\n  \"skills\": [\n");
var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
output.AppendJoin(",\n", skills.Select(s => "    " + JsonSerializer.Serialize(s, options)));
output.Append("\n  ]\n}\n");
File.WriteAllText(Path.Combine(taxonomyDir, OutputFile), output.ToString(), new UTF8Encoding(false));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{skills.Count} O*NET products written to {OutputFile}; {skipped} skipped (curated, common words or duplicates)."));
return 0;
