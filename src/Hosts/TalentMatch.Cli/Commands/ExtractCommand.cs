using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TalentMatch.Core.Skills;

namespace TalentMatch.Cli.Commands;

/// <summary>
/// <c>talentmatch extract FILE</c> (<c>-</c> for stdin): recognises taxonomy skills in English/Chinese text and
/// prints <c>{"language": ..., "skills": [{"id", "name", "category", "level", "proficiency", "years", "evidence"}]}</c>.
/// Evidence offsets are UTF-16 code-unit offsets into the decoded input text, as in .NET and JavaScript strings.
/// </summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Text file to read (UTF-8), or - for stdin." };
        var mode = new Option<ExtractionMode>("--mode")
        {
            Description = "JobDescription (adds required/preferred/mentioned levels) or Resume.",
            DefaultValueFactory = _ => ExtractionMode.JobDescription,
        };
        var compact = new Option<bool>("--compact") { Description = "One-line JSON instead of indented." };
        var command = new Command("extract", "Extract AI/ML skills from a job description or resume; prints JSON.")
        {
            file, mode, compact,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            string text;
            try
            {
                text = path == "-"
                    ? await new StreamReader(Console.OpenStandardInput(), Encoding.UTF8).ReadToEndAsync(cancellationToken)
                    : await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"Cannot read '{path}': {e.Message}");
                return 2;
            }

            var result = SkillExtractor.Default.Extract(text, parse.GetValue(mode));
            await parse.InvocationConfiguration.Output.WriteLineAsync(ToJson(result, indented: !parse.GetValue(compact)));
            return 0;
        });
        return command;
    }

    /// <summary>The result in the CLI's JSON shape; absent level, proficiency or years are left out.</summary>
    internal static string ToJson(ExtractionResult result, bool indented)
    {
        using var buffer = new MemoryStream();
        Write(result, buffer, indented);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Write(ExtractionResult result, Stream output, bool indented)
    {
        // Relaxed escaping keeps Chinese evidence readable; the output is never embedded in HTML.
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("language", result.Language);
        json.WriteString("taxonomyVersion", SkillExtractor.Default.Taxonomy.Version);
        json.WriteStartArray("skills");
        foreach (var skill in result.Skills)
        {
            json.WriteStartObject();
            json.WriteString("id", skill.Id);
            json.WriteString("name", skill.Name);
            json.WriteString("category", skill.Category);
            if (skill.Level is { } level)
            {
                json.WriteString("level", level.ToString().ToLowerInvariant());
            }

            if (skill.Proficiency is { } proficiency)
            {
                json.WriteString("proficiency", proficiency.ToString().ToLowerInvariant());
            }

            if (skill.Years is { } years)
            {
                json.WriteNumber("years", years);
            }

            json.WriteStartArray("evidence");
            foreach (var span in skill.Evidence)
            {
                json.WriteStartObject();
                json.WriteNumber("start", span.Start);
                json.WriteNumber("end", span.End);
                json.WriteString("text", span.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
