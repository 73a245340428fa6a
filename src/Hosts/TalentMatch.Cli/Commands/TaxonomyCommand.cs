using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TalentMatch.Core.Skills;

namespace TalentMatch.Cli.Commands;

/// <summary>
/// <c>talentmatch taxonomy suggest DIR</c>: frequent phrases in skill lists that no taxonomy alias matches, with counts
/// and example lines, so that curators add aliases from data (docs/taxonomy.md). Reads <c>.txt</c> and <c>.md</c> files
/// as one document each and <c>.jsonl</c> files as one document per line (its <c>text</c> field), under DIR and its
/// subfolders. Bounded: at most <see cref="MaxFiles"/> files, <see cref="MaxFileBytes"/> bytes per file and
/// <see cref="MaxTotalBytes"/> in all; files over the limits are skipped and counted.
/// </summary>
internal static class TaxonomyCommand
{
    public const int MaxFiles = 20_000;
    public const long MaxFileBytes = 16L * 1024 * 1024;
    public const long MaxTotalBytes = 512L * 1024 * 1024;

    private static readonly string[] Extensions = [".txt", ".md", ".jsonl"];
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("dir") { Description = "Folder of resumes or ads (.txt, .md, or .jsonl with a text field per line)." };
        var top = new Option<int>("--top") { Description = "How many phrases to print (1–10,000).", DefaultValueFactory = _ => 50 };
        var minDocuments = new Option<int>("--min-docs") { Description = "Least number of documents a phrase must occur in.", DefaultValueFactory = _ => 2 };
        var json = new Option<bool>("--json") { Description = "JSON instead of a table." };
        var suggest = new Command("suggest", "List frequent unmatched phrases in skill lists (both languages), with counts and examples.")
        {
            dir, top, minDocuments, json,
        };
        suggest.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var folder = parse.GetValue(dir)!;
            var (topCount, min) = (parse.GetValue(top), parse.GetValue(minDocuments));
            if (topCount is < 1 or > 10_000 || min < 1)
            {
                await error.WriteLineAsync("--top must be between 1 and 10,000 and --min-docs at least 1.");
                return 2;
            }

            if (!folder.Exists)
            {
                await error.WriteLineAsync($"Folder '{folder.FullName}' not found.");
                return 2;
            }

            var suggester = new TaxonomySuggester(SkillExtractor.Default);
            var (files, skipped) = await ReadAsync(folder, suggester, cancellationToken);
            var phrases = suggester.Top(topCount, min);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(parse.GetValue(json)
                ? ToJson(suggester.DocumentCount, files, skipped, phrases)
                : ToTable(suggester.DocumentCount, files, skipped, phrases));
            return 0;
        });
        return new Command("taxonomy", "Taxonomy curation tools.") { suggest };
    }

    private static async Task<(int Files, int Skipped)> ReadAsync(DirectoryInfo folder, TaxonomySuggester suggester, CancellationToken ct)
    {
        var (files, skipped, total) = (0, 0, 0L);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        foreach (var file in folder.EnumerateFiles("*", options).Where(f => Extensions.Contains(f.Extension, StringComparer.OrdinalIgnoreCase)).OrderBy(f => f.FullName, StringComparer.Ordinal))
        {
            if (files >= MaxFiles || file.Length > MaxFileBytes || total + file.Length > MaxTotalBytes)
            {
                skipped++;
                continue;
            }

            files++;
            total += file.Length;
            var text = await File.ReadAllTextAsync(file.FullName, Encoding.UTF8, ct);
            if (!file.Extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase))
            {
                suggester.Add(text);
                continue;
            }

            foreach (var line in text.Split('\n'))
            {
                if (TextOf(line) is { } document)
                {
                    suggester.Add(document);
                }
            }
        }

        return (files, skipped);
    }

    /// <summary>A JSONL line's "text" (or "sentence") string; null for blank, malformed or text-less lines.</summary>
    private static string? TextOf(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && (json.RootElement.TryGetProperty("text", out var text) || json.RootElement.TryGetProperty("sentence", out text))
                && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ToTable(int documents, int files, int skipped, IReadOnlyList<SuggestedPhrase> phrases)
    {
        var inv = CultureInfo.InvariantCulture;
        var builder = new StringBuilder();
        builder.AppendLine(string.Create(inv, $"{documents} documents in {files} files ({skipped} skipped: over the size or count limits). Taxonomy {SkillExtractor.Default.Taxonomy.Version}."));
        builder.AppendLine("count\tdocs\tphrase\texample");
        foreach (var p in phrases)
        {
            builder.AppendLine(string.Create(inv, $"{p.Count}\t{p.Documents}\t{p.Phrase}\t{p.Examples[0].ReplaceLineEndings(" ")}"));
        }

        return builder.ToString().TrimEnd();
    }

    private static string ToJson(int documents, int files, int skipped, IReadOnlyList<SuggestedPhrase> phrases) =>
        JsonSerializer.Serialize(
            new
            {
                taxonomyVersion = SkillExtractor.Default.Taxonomy.Version,
                documents,
                files,
                skippedFiles = skipped,
                phrases = phrases.Select(p => new { phrase = p.Phrase, count = p.Count, documents = p.Documents, examples = p.Examples }),
            },
            JsonOptions);
}
