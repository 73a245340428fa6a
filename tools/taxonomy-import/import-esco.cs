#:property PublishAot=false
#:project ../../src/Core/TalentMatch.Core.Documents/TalentMatch.Core.Documents.csproj
// Generates src/Core/TalentMatch.Core.Skills/Taxonomy/generic-esco.json from the ESCO digital skills collection
// (European Commission, reuse with attribution; see THIRD-PARTY-NOTICES.md). Reproducible: same input, same output.
//   dotnet run tools/taxonomy-import/import-esco.cs -- ../shared/data/esco_digital_skills_collection/digitalSkillsCollection_en.csv src/Core/TalentMatch.Core.Skills/Taxonomy
// The rule (docs/taxonomy.md, "Regenerating the ESCO import"):
// - only ESCO *knowledge* concepts (tools, languages, methods, fields); skills/competences are verb phrases
//   ("migrate existing data") that ads and resumes do not write verbatim;
// - only proper names: one word with a capital ("Erlang", "Maltego"), a capital inside the first word ("KDevelop",
//   "GDPR") or in a later word ("Microsoft Visual C++", "Oracle WebLogic"). Concept phrases in lower or sentence case
//   ("web services", "cyber security", "Iterative development") are left out: on the gold sets' dev and spent splits they
//   added 12 false positives for 1 true positive (docs/benchmarks.md, taxonomy 1.6.0), because the gold rules name
//   such concepts through curated nodes or not at all;
// - forms: the preferred label and the alternative labels, a trailing qualifier in parentheses dropped;
// - a one-word name that ESCO itself qualifies ("Chef (tools for software configuration management)", "Unity (digital
//   game creation systems)") is ambiguous by ESCO's own account and is not imported;
// - forms of three characters or fewer, forms of more than five words, forms in the stop list below and forms that a
//   curated or O*NET node already names are dropped; a concept whose preferred label is already named is skipped whole;
// - a form that contains a form a curated or O*NET node already has, as whole words ("Agile development" holds
//   "Agile", "Oracle WebLogic" holds "Oracle"), is dropped: as the longer match it would take the span from the known
//   skill, which the gold sets name instead;
// - a one-word form in capitals ("LESS", "CALL") is matched in exact casing only (`ambiguous`, no cue needed);
// - a one-word alternative label in lower case ("scripting") is dropped: ordinary words match everywhere.
// Stack Overflow's tags (CC BY-SA) are not read: ../shared/data/README.md allows no copy of them into the project.
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using TalentMatch.Core.Documents;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: import-esco.cs <digitalSkillsCollection_en.csv> <taxonomy folder>");
    return 2;
}

var (escoPath, taxonomyDir) = (args[0], args[1]);
const string OutputFile = "generic-esco.json";

// Forms that are ordinary words or phrases in a resume or an ad, degree fields the gold rules do not count
// (docs/resume-gold-set.md rule 1), or broader than any job asks for: never an alias, whatever ESCO says.
var stopForms = new HashSet<string>(StringComparer.Ordinal)
{
    "computer science", "computer engineering", "information technology", "computer technology", "technology in computing",
    "electronics", "electronic communication", "electronic communications", "email", "e mail", "report", "database",
    "algorithms", "computer programming", "programming", "coding", "software", "hardware", "ict", "it", "internet",
    "web", "digital media", "multimedia", "interactive media", "sensors", "firmware", "consumer electronics",
    "computer equipment", "hardware components", "hardware materials", "electronic locks", "alarm systems",
    "digitization", "digitisation", "search engines", "knowledge base", "data storage", "data models", "system design",
    "hybrid model", "industrial software", "office software", "authoring software", "digital systems", "digital arts",
    "e learning", "online job platforms", "video conferencing tool", "screen reader", "broadcast equipment",
    "telecommunication", "communication technology", "audio technology", "automation technology", "emergent technologies",
    "cloud technologies", "learning technologies", "principles of artificial intelligence", "artificial intelligence",
    "unstructured data", "information structure", "information categorisation", "computer history", "hardware industry",
    "ict market", "music and video industry", "crowdfunding", "online gambling", "digital journalism", "publishing strategy",
    // The label of a resume's skills table ("Operating Systems: Windows, Linux") or an English word in capitals.
    "operating systems", "call",
};
// ESCO's broader concepts that sit under a curated node.
var parents = new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["computer programming"] = "programming-languages",
    ["database"] = "databases",
    ["database management systems"] = "databases",
    ["query languages"] = "databases",
    ["tools for software configuration management"] = "devops",
    ["integrated development environment software"] = "software-engineering",
    ["software design methodologies"] = "software-engineering",
    ["ICT project management methodologies"] = "project-management",
    ["data mining"] = "data-analysis",
    ["blockchain"] = "blockchain",
};

static string Fold(string s) => Regex.Replace(s.ToLowerInvariant().Replace('-', ' ').Replace('_', ' '), @"\s+", " ").Trim();
static string Slug(string s) => Regex.Replace(Fold(s).Replace("+", "plus", StringComparison.Ordinal).Replace("#", "sharp", StringComparison.Ordinal), @"[^a-z0-9]+", "-").Trim('-');
static string Unqualified(string label) => Regex.Replace(label, @"\s*\([^)]*\)\s*$", string.Empty).Trim();

// Everything the curated files and the O*NET import already name: they win.
var knownNames = new HashSet<string>(StringComparer.Ordinal);
var usedIds = new HashSet<string>(StringComparer.Ordinal);
foreach (var file in Directory.GetFiles(taxonomyDir, "*.json").Where(f => Path.GetFileName(f) is not (OutputFile or "manifest.json")))
{
    using var doc = JsonDocument.Parse(File.ReadAllText(file));
    foreach (var skill in doc.RootElement.GetProperty("skills").EnumerateArray())
    {
        usedIds.Add(skill.GetProperty("id").GetString()!);
        knownNames.Add(Fold(skill.GetProperty("name").GetString()!));
        if (skill.TryGetProperty("zh", out var zh))
        {
            knownNames.Add(Fold(zh.GetString()!));
        }

        foreach (var key in new[] { "aliases", "ambiguous", "blocked" })
        {
            if (skill.TryGetProperty(key, out var list))
            {
                foreach (var a in list.EnumerateArray())
                {
                    knownNames.Add(Fold(a.GetString()!));
                }
            }
        }
    }
}

// Known forms of four characters or more, for the containment guard.
var knownWords = knownNames.Where(n => n.Length >= 4 && !n.Any(c => c > 0x2E7F)).ToList();
bool HoldsKnownForm(string form)
{
    var padded = " " + Fold(form) + " ";
    return knownWords.Exists(k => padded.Contains(" " + k + " ", StringComparison.Ordinal));
}

var rows = Csv.Parse(File.ReadAllText(escoPath, Encoding.UTF8));
var header = rows[0];
int Column(string name) => Array.IndexOf(header, name);
var (labelColumn, altColumn, typeColumn, uriColumn, broaderColumn) =
    (Column("preferredLabel"), Column("altLabels"), Column("skillType"), Column("conceptUri"), Column("broaderConceptPT"));

var concepts = rows.Skip(1)
    .Where(r => r.Length == header.Length && r[typeColumn] == "knowledge")
    .OrderBy(r => r[labelColumn], StringComparer.Ordinal)
    .ThenBy(r => r[uriColumn], StringComparer.Ordinal);

var skills = new List<Dictionary<string, object>>();
var (skipped, dropped) = (0, 0);
foreach (var row in concepts)
{
    var preferred = row[labelColumn].Trim();
    var name = Unqualified(preferred);
    var qualifiedWord = name != preferred && !name.Contains(' ', StringComparison.Ordinal);
    if (qualifiedWord || !IsProperName(name) || knownNames.Contains(Fold(name)) || !Keep(name) || HoldsKnownForm(name))
    {
        skipped++;
        continue;
    }

    var aliases = new List<string> { name };
    foreach (var alt in row[altColumn].Split(['\n', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
    {
        var form = Unqualified(alt);
        if (Keep(form) && IsSynonym(form, name) && !knownNames.Contains(Fold(form)) && !HoldsKnownForm(form) && !aliases.Exists(a => Fold(a) == Fold(form)))
        {
            aliases.Add(form);
        }
        else
        {
            dropped++;
        }
    }

    var id = "esco-" + Slug(name);
    if (!usedIds.Add(id))
    {
        skipped++;
        continue;
    }

    foreach (var alias in aliases)
    {
        knownNames.Add(Fold(alias));
    }

    // One word in capitals: exact casing only.
    var ambiguous = aliases.Where(a => !a.Contains(' ', StringComparison.Ordinal) && a.Any(char.IsLetter) && a.All(c => !char.IsLetter(c) || char.IsUpper(c))).ToList();
    aliases.RemoveAll(ambiguous.Contains);
    var broader = row[broaderColumn].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    var parent = broader.Select(b => parents.GetValueOrDefault(b)).FirstOrDefault(p => p is not null);
    var skill = new Dictionary<string, object>
    {
        ["id"] = id,
        ["name"] = name,
        ["aliases"] = aliases,
    };
    if (ambiguous.Count > 0)
    {
        skill["ambiguous"] = ambiguous;
    }

    skills.Add(new Dictionary<string, object>(skill)
    {
        ["category"] = broader.Length > 0 ? Slug(broader[0]) : "esco",
        ["parents"] = parent is null ? Array.Empty<string>() : new[] { parent },
        ["related"] = Array.Empty<string>(),
        ["uri"] = row[uriColumn],
    });
}

var output = new StringBuilder();
output.Append("{\n  \"source\": \"generated by tools/taxonomy-import/import-esco.cs from the ESCO digital skills collection (European Commission, ESCO v1.2; reuse with attribution under Commission Decision 2011/833/EU); do not edit by hand\",\n  \"skills\": [\n");
var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
output.AppendJoin(",\n", skills.Select(s => "    " + JsonSerializer.Serialize(s, options)));
output.Append("\n  ]\n}\n");
File.WriteAllText(Path.Combine(taxonomyDir, OutputFile), output.ToString(), new UTF8Encoding(false));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{skills.Count} ESCO knowledge concepts written to {OutputFile}; {skipped} skipped (already named, qualified one-word names, stop list), {dropped} alternative labels dropped."));
return 0;

// A form worth matching: four characters or more, at most five words, not in the stop list, no comma, and not one
// lower-case word.
bool Keep(string form)
{
    var folded = Fold(form);
    if (folded.Length <= 3 || folded.Split(' ').Length > 5 || stopForms.Contains(folded) || form.Contains(',', StringComparison.Ordinal))
    {
        return false;
    }

    return folded.Contains(' ', StringComparison.Ordinal) || form.Any(char.IsUpper);
}

static bool IsProperName(string name)
{
    // ESCO writes "ICT" into concept phrases ("ICT network routing"): not a name.
    var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w != "ICT").ToArray();
    return words.Length > 0
        && ((words.Length == 1 && words[0].Any(char.IsUpper)) || words[0].Skip(1).Any(char.IsUpper) || words.Skip(1).Any(w => w.Any(char.IsUpper)));
}

// ESCO lists members of a class among its alternative labels ("penetration testing tool": "Trojan"; "proxy servers":
// "Nginx web server"; "ICT system programming": "scripting"). A synonym shares a word of four letters or more with the
// name, a plural "s" aside, or the first six letters of one ("modeling" and "modelling"), or is the name's acronym
// ("LDAP" and "Lightweight Directory Access Protocol", either way round).
static bool IsSynonym(string form, string name)
{
    static IEnumerable<string> Words(string s) => Fold(s).Split(' ').Select(w => w.TrimEnd('s')).Where(w => w.Length >= 4);
    var nameWords = Words(name).ToList();
    if (Words(form).Any(w => nameWords.Exists(n => n == w || (n.Length >= 6 && w.Length >= 6 && n[..6] == w[..6]))))
    {
        return true;
    }

    static string Initials(string s) => string.Concat(Fold(s).Split(' ').Where(w => w.Length > 0 && w is not ("of" or "and" or "for" or "the")).Select(w => w[0]));
    var (f, n2) = (Fold(form).Replace(" ", string.Empty, StringComparison.Ordinal), Fold(name).Replace(" ", string.Empty, StringComparison.Ordinal));
    return (f.Length >= 3 && f == Initials(name)) || (n2.Length >= 3 && n2 == Initials(form));
}
