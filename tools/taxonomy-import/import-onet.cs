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

if (args.Length is not (2 or 3))
{
    Console.Error.WriteLine("usage: import-onet.cs <Technology Skills.txt> <taxonomy folder> [<occupations>]");
    return 2;
}

var (onetPath, taxonomyDir) = (args[0], args[1]);
// Products of other occupations are kept when at least this many occupations name them (third argument; default: none).
var minimumOccupations = args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : int.MaxValue;
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
    "Fusion", "Revit", "Maya", "Blender", "Unity", "Unreal", "Acrobat", "Illustrator",
    "Facebook", "Twitter", "LinkedIn", "YouTube", "Instagram", "Blackboard", "Canvas", "Moodle", "Epic", "Cerner",
};
// Vendor prefixes that job ads often drop ("Microsoft Visual Studio" → "Visual Studio").
string[] vendors = ["Microsoft", "Oracle", "IBM", "Apache", "Adobe", "Google", "Amazon", "SAP", "Autodesk", "Atlassian", "Red Hat", "VMware", "Cisco", "Salesforce", "JetBrains", "National Instruments", "Embarcadero", "Embarcadero Technologies"];
// A product name left after its vendor that is an ordinary word in a resume ("Oracle Reports", "IBM Director"):
// never an alias on its own. Resumes write the rest of them bare: "Tomcat", "Sqoop", "PowerPoint", "DB2".
var ordinaryRests = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
{
    "Director", "Distiller", "Flex", "Continuum", "Gump", "Bamboo", "Domino", "Middleware", "Clinical", "Designer", "Reports",
    "Exchange", "Publisher", "Dynamics", "Classroom", "Analytics", "Ads", "Sites", "Slides", "Air", "Notes",
    "Meet", "Sheets", "Docs", "Drive",
};
// Trailing acronyms that are ordinary words when written in capitals ("BASIC KNOWLEDGE", "PASS"): never an alias.
// So are names and other meanings ("TIM", "NIPS" the conference, "MIS reports").
var ordinaryAcronyms = new HashSet<string>(StringComparer.Ordinal)
{
    "BASIC", "PASS", "CASA", "ICON", "ONE", "IMAGINE", "GRAPE", "LINGO", "ARCHITECT", "TIM", "TAM", "ICE", "SIP", "AIR", "MOSS",
    "NIPS", "IMPS", "SAX", "FMS", "ADL", "CPL", "DMS", "IDS", "IPS", "MIS", "CLOS", "RAC",
    // Before " software" since 1.8.0: words in capitals ("RADIUS", "SAN" of San Francisco), a list label ("IDE:"), names.
    "COM", "SAM", "SAN", "RADIUS", "TSO", "SSP", "IDE", "MIB", "EDC",
};
// Forms no rule derives from the O*NET name, seen in resumes and ads ("PPT" in Chinese ads and resumes).
var extraAliases = new Dictionary<string, string[]>(StringComparer.Ordinal)
{
    ["Microsoft PowerPoint"] = ["Power Point"],
    // Resume gold set (issue #23): resumes and Chinese ads name these without vendor or with a Chinese suffix.
    ["Apache HBase"] = ["HBase"],
    ["Oracle PL/SQL"] = ["PL/SQL", "PL-SQL", "PLSQL"],
    ["Axure RP"] = ["Axure"],
    ["Computer aided design CAD software"] = ["CAD绘图", "CAD制图", "CAD软件"],
    // Fifth round (taxonomy 1.7.0): Redux written bare; VBA spelled out, which "Visual Basic" alone must not take.
    ["React Redux"] = ["Redux", "Redux.js", "Redux Toolkit"],
    ["Microsoft Visual Basic for Applications VBA"] = ["Visual Basic for Applications", "VBA", "Excel VBA", "VBA macros"],
    // Sixth round (taxonomy 1.8.0): the practice is named by the tool category ("issue tracking, version control").
    ["Issue tracking system software"] = ["issue tracking", "bug tracking", "issue tracker", "bug tracker", "issue tracking system", "bug tracking system"],
    // Seventh round (taxonomy 1.9.0): the short names that other people's span annotations (SkillSpan dev, dotin train)
    // give these products in two documents or more (tools/taxonomy-import/harvest-span-candidates.py).
    ["IBM SPSS Statistics"] = ["SPSS", "IBM SPSS"],
    ["Oracle WebLogic Server"] = ["WebLogic", "Web Logic", "Oracle WebLogic", "BEA WebLogic"],
    ["Apache Subversion SVN"] = ["Subversion", "Apache Subversion", "SVN"], // SVN was Git's until 1.13.0
    ["Splunk Enterprise"] = ["Splunk"],
    ["Dassault Systemes SolidWorks"] = ["SolidWorks", "Solid Works"],
    ["Formula translation/translator FORTRAN"] = ["Fortran", "Fortran 90", "Fortran 77"],
    ["ToadSoft Toad"] = ["Toad for Oracle", "Toad for SQL Server"],
    ["Microsoft Exchange"] = ["Exchange Server", "Microsoft Exchange Server", "MS Exchange Server"],
    ["XML Path Language XPATH"] = ["XPath"],
    ["Tool command language Tcl"] = ["Tcl/Tk"],
    ["BMC Software Control-M"] = ["Control-M"],
    ["Hewlett-Packard HP WinRunner"] = ["WinRunner", "Win Runner", "HP WinRunner"],
    ["Hewlett-Packard HP TestDirector for Quality Center"] = ["Quality Center", "HP Quality Center", "HP QC", "TestDirector"],
    ["Google Ads"] = ["Google AdWords", "AdWords"],
    ["IBM Rational ClearQuest"] = ["ClearQuest"],
    ["Enterprise JavaBeans"] = ["EJB", "EJBs", "EJB3", "Enterprise Java Beans"],
    // Taxonomy 1.11.0: forms that sat on a curated node of another product or concept (Jenkins on CI/CD, CloudFormation
    // on Terraform) name the O*NET product now (docs/taxonomy.md, "Forms that named another product").
    ["Jenkins CI"] = ["Jenkins"],
    ["Amazon Web Services AWS CloudFormation"] = ["CloudFormation", "AWS CloudFormation"],
    // Taxonomy 1.12.0: Angular, HTML and CSS were Frontend Development (the vendor rule gives "Angular"; the acronym
    // rule would give HTML and CSS in capitals only, which resumes do not keep: "html, css, javascript").
    ["Google Angular"] = ["AngularJS", "Angular.js", "Angular JS"],
    ["Hypertext markup language HTML"] = ["HTML", "HTML5"],
    ["Cascading style sheets CSS"] = ["CSS"],
    // Taxonomy 1.13.0: Bitbucket was Git, PowerShell was shell scripting (GitHub and GitLab, no longer curated forms,
    // come in under their own names).
    ["Atlassian Bitbucket"] = ["Bitbucket"],
    ["Microsoft PowerShell"] = ["PowerShell"],
};
var extraAmbiguous = new Dictionary<string, string[]>(StringComparer.Ordinal)
{
    ["Microsoft PowerPoint"] = ["PPT"],
    // Sixth round (taxonomy 1.8.0): design ads abbreviate Adobe's tools, "熟练使用PS、AI等设计软件"; confirmed only by the
    // design cues of commonWordContext below.
    ["Adobe Photoshop"] = ["PS"],
    ["Adobe Illustrator"] = ["AI"],
    // Seventh round (taxonomy 1.9.0): names that are words or brands in other casings, read in this casing only
    // ("TOAD, SQL Developer"; TCL is also a Chinese electronics maker; "LAMP" the stack, a lamp nothing).
    ["ToadSoft Toad"] = ["TOAD", "Toad"],
    ["Tool command language Tcl"] = ["Tcl"],
    ["LAMP Stack"] = ["LAMP"],
    // Eighth round (test8): a first name and a verb of bodywork, "Ada Jose Ullrich", "file and sand repaired body
    // surfaces", were the Ada language and the SAND database; their own context cues below confirm them.
    ["Ada"] = ["Ada"],
    ["SAND"] = ["SAND"],
};
// Products whose ambiguous forms a list neighbour must not confirm: "AI" beside 大数据 in a list is artificial intelligence.
var noListAdjacency = new HashSet<string>(StringComparer.Ordinal) { "Adobe Illustrator" };
// Common words that are still the product in an operating-system or office-suite list ("Windows, Linux", "MS Excel, Word"):
// ambiguous forms, confirmed by a cue nearby or by a neighbouring skill in a list.
var commonWordContext = new Dictionary<string, string[]>(StringComparer.Ordinal)
{
    ["Windows"] = ["operating system", "operating systems", "os", "linux", "unix", "ubuntu", "macos", "mac os", "windows server", "platform", "platforms"],
    ["Word"] = ["excel", "powerpoint", "power point", "office", "outlook", "ms"],
    ["Outlook"] = ["excel", "powerpoint", "office", "word", "ms"],
    ["Access"] = ["excel", "powerpoint", "office", "word", "ms", "database", "sql"],
    ["Visio"] = ["axure", "xmind", "mindmanager", "office", "word", "excel", "powerpoint", "ppt", "原型", "流程图", "project"],
    // Design tools: named with other design tools or design work ("PS、AI等设计软件", "Photoshop, Illustrator").
    ["Photoshop"] = ["illustrator", "ps", "coreldraw", "cdr", "c4d", "indesign", "sketch", "figma", "设计软件", "平面设计", "美工", "修图", "视觉设计", "graphic design", "adobe"],
    ["Illustrator"] = ["photoshop", "ps", "coreldraw", "cdr", "c4d", "indesign", "sketch", "figma", "graphic design", "adobe", "lightroom", "after effects", "premiere", "设计软件"],
    ["Maven"] = ["java", "gradle", "ant", "jenkins", "junit", "spring", "hibernate", "build", "git", "svn", "eclipse"],
    // Seventh round: Apache Ant, the Java build tool ("Ant, Maven, Jenkins"), not the insect.
    ["Ant"] = ["java", "maven", "gradle", "jenkins", "junit", "build", "eclipse", "j2ee", "hudson"],
    // Eighth round: the names of extraAmbiguous that are their product's whole name (no vendor rest to key on).
    ["Ada"] = ["programming", "language", "languages", "fortran", "pascal", "assembly", "embedded", "avionics", "real-time", "vhdl", "gnat", "compiler", "c++"],
    ["SAND"] = ["database", "databases", "dbms", "sql", "data warehouse", "oracle", "db2", "teradata", "sybase"],
};
// Descriptors after a product's own name ("Eclipse IDE", "Hibernate ORM"): the name alone is the product, in its
// own casing (a capitalised "Hibernate" or "Eclipse" in a resume is the tool, the lower-case word is not).
string[] descriptors = [" IDE", " ORM"];
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
// Products put under the curated family they were an alias of until 1.11.0 (Jenkins was CI/CD, CloudFormation was
// Terraform, under devops) or 1.12.0 (OpenShift was Kubernetes), so that the matcher still sees the family. The list replaces the commodity's parent, so it
// names that parent too where it still fits (CloudFormation stays under cloud computing).
var productParents = new Dictionary<string, string[]>(StringComparer.Ordinal)
{
    ["Jenkins CI"] = ["ci-cd"],
    ["Amazon Web Services AWS CloudFormation"] = ["cloud-computing", "devops"],
    ["Red Hat OpenShift"] = ["kubernetes"],
    ["GitHub"] = ["git"],
    ["GitLab"] = ["git"],
    ["Atlassian Bitbucket"] = ["git"],
    ["Microsoft PowerShell"] = ["shell-scripting"],
};

static string Fold(string s) => Regex.Replace(s.ToLowerInvariant().Replace('-', ' ').Replace('_', ' '), @"\s+", " ").Trim();
static string Slug(string s) => Regex.Replace(Fold(s).Replace("+", "plus", StringComparison.Ordinal).Replace("#", "sharp", StringComparison.Ordinal), @"[^a-z0-9]+", "-").Trim('-');

// Everything the curated files already name, so imports never shadow or duplicate them.
var curatedNames = new HashSet<string>(StringComparer.Ordinal);
var curatedIds = new HashSet<string>(StringComparer.Ordinal);
// Generated files (generic-*.json: this one, the ESCO import) are not curated: the ESCO import runs after this one.
foreach (var file in Directory.GetFiles(taxonomyDir, "*.json").Where(f => Path.GetFileName(f) is var n && n != "manifest.json" && !n.StartsWith("generic-", StringComparison.Ordinal)))
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
var rows = File.ReadLines(onetPath, Encoding.UTF8).Skip(1).Select(l => l.Split('\t')).Where(c => c.Length >= 5).ToList();
// Words O*NET writes in lower case somewhere in a product name or commodity title ("optimization", "tax", "router"):
// ordinary words, so a sentence-case product name made of one of them ("Optimization software") is a commodity.
var lowerCaseWords = rows.SelectMany(c => (c[1] + " " + c[3]).Split(' ', StringSplitOptions.RemoveEmptyEntries))
    .Where(w => w.All(char.IsAsciiLetterLower)).ToHashSet(StringComparer.Ordinal);
// Words that start other product names before a capitalised word ("Informatica PowerCenter", "Perforce Helix"): brands,
// so "Informatica software" is a product, while "Firewall software" (no "Firewall Xyz" product) is a commodity.
var brands = rows.Select(c => c[1].Trim().Split(' ')).Where(w => w.Length >= 2 && w[1].Length > 0 && char.IsUpper(w[1][0]))
    .Select(w => w[0]).ToHashSet(StringComparer.Ordinal);
var occupations = rows.GroupBy(c => c[1].Trim(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(c => c[0]).Distinct().Count(), StringComparer.Ordinal);
var products = rows
    .Where(c => c[0].StartsWith("15-", StringComparison.Ordinal) || c[4] == "Y" || occupations[c[1].Trim()] >= minimumOccupations) // computing occupations, hot anywhere, or widespread
    .GroupBy(c => c[1].Trim(), StringComparer.Ordinal)
    .Select(g => (Name: g.Key, Commodity: g.GroupBy(c => c[3]).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key))
    .OrderBy(p => p.Name, StringComparer.Ordinal);

var skills = new List<Dictionary<string, object>>();
var emittedForms = new HashSet<string>(StringComparer.Ordinal); // an alias names one product only
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
    var ambiguous = new List<string>();
    string[]? context = null;
    // "Informatica software", "Microsoft Office software", "IBM Tivoli software": a proper name before " software" is
    // the product as resumes write it; a commodity phrase before it ("Data entry software") is not.
    var properName = ProductBeforeSoftware(name);
    if (properName is not null && IsSingleWord(properName) && !HasInnerCapital(properName)
        && (commonWords.Contains(properName) || lowerCaseWords.Contains(properName.ToLowerInvariant()) || !brands.Contains(properName)))
    {
        properName = null; // "Optimization software", "Email software", "Firewall software"
    }

    if (properName is not null)
    {
        AddOnce(IsSingleWord(properName) && IsAcronym(properName) ? ambiguous : aliases, properName);
    }

    // The longest vendor the name starts with ("Embarcadero Technologies DBArtisan" → "DBArtisan").
    var named = properName ?? name;
    foreach (var vendor in vendors.Where(v => named.StartsWith(v + " ", StringComparison.Ordinal)).OrderByDescending(v => v.Length).Take(1))
    {
        var rest = named[(vendor.Length + 1)..];

        // A rest in lower-case words only is a commodity phrase, not a product ("Microsoft operating system").
        if (rest.All(c => char.IsAsciiLetterLower(c) || c == ' '))
        {
            continue;
        }

        // "MS Word", "MS Office": the abbreviation resumes use for Microsoft.
        if (vendor == "Microsoft")
        {
            AddOnce(aliases, "MS " + (rest.EndsWith(" software", StringComparison.Ordinal) ? rest[..^" software".Length] : rest));
        }

        // A one-word rest of a "… software" name is kept only when it is clearly a name ("Google Cloud software" is no "Cloud").
        if (properName is not null && IsSingleWord(rest) && !HasInnerCapital(rest))
        {
            continue;
        }

        var restIsWord = !rest.Contains(' ', StringComparison.Ordinal);
        if (restIsWord && commonWordContext.TryGetValue(rest, out var cues))
        {
            ambiguous.Add(rest);
            context = cues;
        }
        else if (restIsWord && IsAcronym(rest))
        {
            AddOnce(ambiguous, rest); // "AIX", "MVS", "JDBC": exact casing only
        }
        else if (!restIsWord || (rest.Length >= 3 && !commonWords.Contains(rest) && !ordinaryRests.Contains(rest)))
        {
            AddOnce(aliases, rest);
        }
    }

    foreach (var descriptor in descriptors)
    {
        if (name.EndsWith(descriptor, StringComparison.Ordinal) && name[..^descriptor.Length] is var own && !own.Contains(' ', StringComparison.Ordinal)
            && own.Length >= 3 && !commonWords.Contains(own))
        {
            AddOnce(ambiguous, own);
        }
    }

    // "Microsoft SQL Server Reporting Services SSRS": the trailing acronym of the words before it, exact casing; also
    // before a trailing " system software" ("Voice over internet protocol VoIP system software").
    if (TrailingAcronym(WithoutTrailing(name, " software", " system", " systems")) is { } acronym && !ordinaryAcronyms.Contains(acronym))
    {
        AddOnce(ambiguous, acronym);
        AddOnce(ambiguous, acronym.ToUpperInvariant()); // "VoIP" is also written "VOIP"
    }

    aliases.AddRange(extraAliases.GetValueOrDefault(name, []));
    ambiguous.AddRange(extraAmbiguous.GetValueOrDefault(name, []));
    if (context is null && extraAmbiguous.ContainsKey(name) && commonWordContext.TryGetValue(name, out var ownCues))
    {
        context = ownCues; // a whole name made ambiguous ("Ada"): its own cues
    }

    aliases.RemoveAll(a => curatedNames.Contains(Fold(a)) || !emittedForms.Add(Fold(a)));
    ambiguous.RemoveAll(a => curatedNames.Contains(Fold(a)) || !emittedForms.Add(Fold(a)));

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
    };
    if (ambiguous.Count > 0)
    {
        skill["ambiguous"] = ambiguous;
        if (context is not null)
        {
            skill["context"] = context;
        }

        if (noListAdjacency.Contains(name))
        {
            skill["listAdjacency"] = false;
        }
    }

    skill["category"] = Slug(commodity);
    skill["parents"] = productParents.TryGetValue(name, out var family) ? family
        : parents.TryGetValue(commodity, out var parent) ? new[] { parent } : Array.Empty<string>();
    skill["related"] = Array.Empty<string>();
    skills.Add(skill);
}

// Names whose full form is ambiguous (two products share a trailing acronym, "OSPF") were kept by the first product only.
var output = new StringBuilder();
output.Append("{\n  \"source\": \"generated by tools/taxonomy-import/import-onet.cs from O*NET 28.x Technology Skills (CC BY 4.0, U.S. Department of Labor/ETA); do not edit by hand\",\n  \"skills\": [\n");
var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
output.AppendJoin(",\n", skills.Select(s => "    " + JsonSerializer.Serialize(s, options)));
output.Append("\n  ]\n}\n");
File.WriteAllText(Path.Combine(taxonomyDir, OutputFile), output.ToString(), new UTF8Encoding(false));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{skills.Count} O*NET products written to {OutputFile}; {skipped} skipped (curated, common words or duplicates)."));
return 0;

static void AddOnce(List<string> list, string form)
{
    if (!list.Contains(form, StringComparer.OrdinalIgnoreCase))
    {
        list.Add(form);
    }
}

// Three or more capitals or digits, two of them capitals at least: "AIX", "JDBC", "DB2".
static bool IsSingleWord(string s) => !s.Contains(' ', StringComparison.Ordinal);

// A capital after a lower-case letter inside a word: "HubSpot", "ArcGIS", "MuleSoft"; not "SSH", not "Informatica".
static bool HasInnerCapital(string word) => Enumerable.Range(1, Math.Max(0, word.Length - 1)).Any(i => char.IsUpper(word[i]) && char.IsLower(word[i - 1]));

// The name without each of the given endings, tried in order ("X system software" → "X").
static string WithoutTrailing(string name, params string[] endings)
{
    foreach (var ending in endings)
    {
        if (name.EndsWith(ending, StringComparison.Ordinal))
        {
            name = name[..^ending.Length];
        }
    }

    return name;
}

// "Informatica software" → "Informatica", "Microsoft Office software" → "Microsoft Office": the name before " software"
// when it is a proper name (a capital after its first letter, or one capitalised word of three letters or more).
// Commodity phrases in sentence case ("Data entry software", "Issue tracking system software") give nothing.
static string? ProductBeforeSoftware(string name)
{
    if (!name.EndsWith(" software", StringComparison.Ordinal))
    {
        return null;
    }

    var product = name[..^" software".Length];
    // A name has a capitalised word after the first ("Microsoft Office") or a capital inside a word ("HubSpot",
    // "ESRI ArcGIS"); an acronym in capitals does not make a commodity phrase a name ("Local area network LAN",
    // "Secure shell SSH"). One capitalised word ("Informatica") is left to the caller, which knows the brands.
    var words = product.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    static bool Mixed(string w) => w.Any(char.IsLower) && w.Any(char.IsUpper);
    var proper = words.Skip(1).Any(w => char.IsUpper(w[0]) && Mixed(w)) || words.Any(HasInnerCapital)
        || (words.Length == 1 && product.Length >= 3 && char.IsUpper(product[0]));
    return proper ? product : null;
}

static bool IsAcronym(string word) =>
    word.Length >= 3 && word.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)) && word.Count(char.IsAsciiLetterUpper) >= 2;

// The last word of the name when it is an acronym whose characters are, in order, initials of the words before it
// (word starts, inner capitals, digits): "JavaScript Object Notation JSON", "Single sign-on SSO", "Java 2 Platform
// Enterprise Edition J2EE". A code that is not such an abbreviation ("Axure RP", "Hibernate ORM") is no alias.
static string? TrailingAcronym(string name)
{
    var space = name.LastIndexOf(' ');
    if (space <= 0)
    {
        return null;
    }

    var acronym = name[(space + 1)..].Trim('(', ')'); // "Microsoft Internet Information Services (IIS)"
    // Capitals and digits ("JSON", "J2EE"), or a capitalised mix with two capitals or more ("VoIP"), matched upper-cased.
    var letters = acronym.Where(c => c != '-' && c != '/').ToArray();
    var capitals = letters.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
    var mixed = letters.Length > 0 && char.IsAsciiLetterUpper(letters[0]) && letters.All(char.IsAsciiLetterOrDigit) && letters.Count(char.IsAsciiLetterUpper) >= 2;
    if (letters.Length < 3 || !(capitals || mixed))
    {
        return null;
    }

    letters = [.. letters.Select(char.ToUpperInvariant)];

    var initials = new List<char>();
    foreach (var word in name[..space].Split([' ', '-', '/'], StringSplitOptions.RemoveEmptyEntries))
    {
        // Two abbreviations take a letter from inside a word: eXtensible (XML, XHTML), HyperText (HTML, DHTML).
        if (word.StartsWith("extensible", StringComparison.OrdinalIgnoreCase))
        {
            initials.Add('X');
            continue;
        }

        if (word.StartsWith("hypertext", StringComparison.OrdinalIgnoreCase))
        {
            initials.AddRange(['H', 'T']);
            continue;
        }

        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var upperWord = word.All(ch => !char.IsLetter(ch) || char.IsUpper(ch));
            if (i == 0 || char.IsDigit(c) || (char.IsUpper(c) && (upperWord || !char.IsUpper(word[i - 1]))))
            {
                initials.Add(char.ToUpperInvariant(c));
            }
        }
    }

    var k = 0;
    foreach (var c in initials)
    {
        if (k < letters.Length && c == letters[k])
        {
            k++;
        }
    }

    return k == letters.Length ? acronym : null;
}
