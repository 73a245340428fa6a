#:project ../../../../src/Core/TalentMatch.Core.Skills/TalentMatch.Core.Skills.csproj
#:property PublishAot=false
#:property JsonSerializerIsReflectionEnabledByDefault=true

// EXPERIMENT ONLY (issue #23, docs/benchmarks.md "What a learned span tagger would add"). The baseline beside the tagger:
// every unknown list item of each gold document (what `taxonomy suggest` and semantic linking read, through
// TaxonomySuggester) taken as a new skill, written in frozen-tagger.cs's output shape for score-open-vocabulary.py.
//   usage: dotnet run unknown-list-items.cs -- GOLD_DOCS OUT
using System.Text.Json;
using TalentMatch.Core.Skills;

var rows = new List<object>();
foreach (var line in File.ReadLines(args[0]))
{
    using var json = JsonDocument.Parse(line);
    var doc = json.RootElement;
    var text = doc.GetProperty("text").GetString()!;
    var type = doc.GetProperty("type").GetString();
    var found = SkillExtractor.Default.Extract(text, type == "resume" ? ExtractionMode.Resume : ExtractionMode.JobDescription);
    var suggester = new TaxonomySuggester(SkillExtractor.Default); // one document: its own unknown items
    suggester.Add(text);
    rows.Add(new
    {
        Index = doc.GetProperty("index").GetInt32(),
        Split = doc.GetProperty("split").GetString(),
        Type = type,
        File = doc.GetProperty("file").GetString(),
        Skills = doc.GetProperty("skills").EnumerateArray().Select(x => x.GetString()).ToList(),
        Missing = doc.GetProperty("missing").EnumerateArray().Select(x => x.GetString()).ToList(),
        found = found.Skills.Select(k => k.Id).ToList(),
        spans = suggester.Top(1_000, minDocuments: 1).Select(p => new { text = p.Phrase, covered = false, p = 1.0 }).ToList(),
    });
}

File.WriteAllText(args[1], JsonSerializer.Serialize(rows));
