using System.Text.Json;
using TalentMatch.Core.Documents;

namespace TalentMatch.Bench.Commands;

/// <summary>One resume of the public corpora: who it is (source and file), a grouping of similar people, and whether it is the
/// original text or another version of it (<c>pdf</c>: the vanetik CV's PDF as <see cref="DocumentReader"/> reads it).</summary>
internal sealed record RealResume(string Person, string Category, string Kind, string Text);

/// <summary>
/// The public English resumes in ../shared/data that benchmarks read: dotin_resume_ner_en (train and test),
/// updated_resume_dataset_en (deduplicated) and vanetik_vacancy_resume_ranking_en (CV texts), about 590 distinct people.
/// </summary>
internal static class RealResumes
{
    public static List<RealResume> Load(string data, bool withPdfVersions)
    {
        var docs = new List<RealResume>();
        foreach (var file in new[] { "train.jsonl", "test.jsonl" })
        {
            foreach (var line in File.ReadLines(Path.Combine(data, "dotin_resume_ner_en", file)))
            {
                using var row = JsonDocument.Parse(line);
                var text = row.RootElement.GetProperty("text").GetString()!;
                var title = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Skip(1).FirstOrDefault() ?? "";
                docs.Add(new RealResume("dotin:" + row.RootElement.GetProperty("file").GetString(), "title:" + title.ToLowerInvariant(), "original", text));
            }
        }

        foreach (var line in File.ReadLines(Path.Combine(data, "updated_resume_dataset_en", "dedup.jsonl")))
        {
            using var row = JsonDocument.Parse(line);
            docs.Add(new RealResume("updated:" + row.RootElement.GetProperty("row").GetInt32(), "category:" + row.RootElement.GetProperty("category").GetString(),
                "original", row.RootElement.GetProperty("text").GetString()!));
        }

        var vanetik = Path.Combine(data, "vanetik_vacancy_resume_ranking_en");
        foreach (var file in Directory.GetFiles(Path.Combine(vanetik, "CV_text"), "*.txt").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            docs.Add(new RealResume("vanetik:" + name, "vanetik", "original", File.ReadAllText(file)));
            var pdf = Path.Combine(vanetik, "CV_pdf", name + ".pdf");
            if (withPdfVersions && File.Exists(pdf) && DocumentReader.Read(File.ReadAllBytes(pdf), pdf) is ReadDocument read)
            {
                docs.Add(new RealResume("vanetik:" + name, "vanetik", "pdf", read.Text));
            }
        }

        // A text that occurs twice in the sources is one person twice: keep the first.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. docs.Where(d => d.Kind != "original" || seen.Add(string.Join(' ', d.Text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))))];
    }
}
