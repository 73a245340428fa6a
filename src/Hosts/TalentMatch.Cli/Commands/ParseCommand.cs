using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using TalentMatch.Core.Documents;

namespace TalentMatch.Cli.Commands;

/// <summary>
/// <c>talentmatch parse FILE</c>: reads a resume or job description (PDF, DOCX, HTML, Markdown, text) and prints
/// its structure as JSON. A document that cannot be read prints its typed rejection and exits with code 2.
/// </summary>
internal static partial class ParseCommand
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Chinese resumes should stay readable in a terminal; the output is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(), new EncodingNameConverter() },
    };

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The document to parse." };
        var kind = new Option<string>("--kind") { Description = "resume, job or auto (guessed from the text).", DefaultValueFactory = _ => "auto" };
        kind.AcceptOnlyFromAmong("auto", "resume", "job");
        var referenceDate = new Option<string?>("--reference-date") { Description = "Date that \"Present\"/\"至今\" runs to (yyyy-MM-dd); default today (UTC)." };
        var command = new Command("parse", "Parse a resume or job description and print it as JSON.") { file, kind, referenceDate };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(kind)!, parse.GetValue(referenceDate)));
        return command;
    }

    private static int Run(string path, string kind, string? referenceDate)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"No such file: {path}");
            return 1;
        }
        var reference = referenceDate is null
            ? DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime)
            : DateOnly.ParseExact(referenceDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        var result = DocumentReader.Read(File.ReadAllBytes(path), path, DocumentLimits.Default);
        if (result is DocumentRejection rejection)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { file = path, rejected = rejection.Reason, detail = rejection.Detail }, Json));
            return 2;
        }
        var document = (ReadDocument)result;
        var isJob = kind == "job" || (kind == "auto" && LooksLikeJobDescription(document.Text));
        object parsed = isJob ? JobDescriptionParser.Parse(document.Text) : ResumeParser.Parse(document.Text, reference);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            file = path,
            format = document.Format,
            encoding = document.Encoding,
            pageCount = document.PageCount,
            kind = isJob ? "job" : "resume",
            document = parsed,
        }, Json));
        return 0;
    }

    /// <summary>Job ads talk to the reader ("you will", "requirements", "岗位职责"); resumes list a person's past.</summary>
    internal static bool LooksLikeJobDescription(string text)
    {
        var head = text.Length > 6000 ? text[..6000] : text;
        return JobSignals().Count(head) > ResumeSignals().Count(head);
    }

    [GeneratedRegex(@"\b(?:responsibilities|requirements|qualifications|you will|you'll|we are looking|we're looking|we offer|benefits|apply|nice to have|hiring|join us|join our)\b|岗位职责|任职要求|职位要求|职位描述|优先|福利", RegexOptions.IgnoreCase)]
    private static partial Regex JobSignals();

    [GeneratedRegex(@"\b(?:education|work experience|professional experience|employment history|curriculum vitae|resume|certifications|projects|languages|references)\b|工作经历|教育背景|项目经验|个人简介|自我评价", RegexOptions.IgnoreCase)]
    private static partial Regex ResumeSignals();

    /// <summary>Writes an encoding as its web name ("utf-8", "gb18030", "windows-1252").</summary>
    private sealed class EncodingNameConverter : JsonConverter<System.Text.Encoding>
    {
        public override System.Text.Encoding Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            System.Text.Encoding.GetEncoding(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, System.Text.Encoding value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.WebName);
    }
}
