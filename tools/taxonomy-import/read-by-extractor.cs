#:project ../../src/Core/TalentMatch.Core.Skills/TalentMatch.Core.Skills.csproj
#:property PublishAot=false
// Reads one span per line on stdin and writes, per line, the skill ids that the real extractor
// (SkillExtractor.Default, resume mode) reads in that span alone, tab-separated after the span ("" when none).
// Used by harvest-span-candidates.py: a span the extractor reads is no candidate.
//   dotnet run tools/taxonomy-import/read-by-extractor.cs < spans.txt > read.tsv
using TalentMatch.Core.Skills;

var extractor = SkillExtractor.Default;
string? line;
while ((line = Console.In.ReadLine()) is not null)
{
    var ids = extractor.Extract(line, ExtractionMode.Resume).Skills.Select(s => s.Id).Order(StringComparer.Ordinal);
    Console.Out.WriteLine($"{line}\t{string.Join(',', ids)}");
}
