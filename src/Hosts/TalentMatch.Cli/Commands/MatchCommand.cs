using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Embeddings;
using TalentMatch.Core.Matching;
using TalentMatch.Core.Skills;

namespace TalentMatch.Cli.Commands;

/// <summary>
/// <c>talentmatch match RESUME JOB</c>: scores a resume against a job description (any format DocumentReader
/// reads) and prints the score with its explanation as JSON: a top-level <c>score</c> (0..1), the components
/// with the weights used, and every requirement as matched, partly matched or missing with evidence from both
/// documents. Exit code 2 when a document cannot be read.
/// </summary>
internal static class MatchCommand
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Chinese evidence should stay readable in a terminal; the output is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new RoundedDoubleConverter() },
    };

    public static Command Create()
    {
        var resume = new Argument<string>("resume") { Description = "The resume (PDF, DOCX, HTML, Markdown or text)." };
        var job = new Argument<string>("job") { Description = "The job description (PDF, DOCX, HTML, Markdown or text)." };
        var options = new CommonOptions();
        var command = new Command("match", "Score a resume against a job description; prints the score and its explanation as JSON.") { resume, job };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var weights = options.Weights(parse, error);
            if (weights is null)
            {
                return 1;
            }

            var resumePath = parse.GetValue(resume)!;
            var jobPath = parse.GetValue(job)!;
            var profiles = await LoadAsync(resumePath, jobPath, options, parse, error, cancellationToken);
            if (profiles is null)
            {
                return 2;
            }

            var (candidate, jobProfile) = profiles.Value;
            var result = Matcher.Default.Score(jobProfile, candidate, weights);
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                score = result.Score,
                resume = resumePath,
                job = jobPath,
                candidateProfile = Describe(candidate),
                jobProfile = Describe(jobProfile),
                components = result.Components,
                requirements = result.Requirements,
                weightsUsed = result.WeightsUsed,
                taxonomyVersion = result.TaxonomyVersion,
                semantic = jobProfile.Vector is null ? "off (--no-embeddings)" : "all-MiniLM-L6-v2 over ProfileEmbeddingText (ADR 0002)",
            }, Json));
            return 0;
        });
        return command;
    }

    internal static object Describe(CandidateProfile c) => new
    {
        c.Title,
        c.YearsOfExperience,
        c.Seniority,
        c.Languages,
        skills = c.Skills.Select(s => s.SkillId),
    };

    internal static object Describe(JobProfile j) => new
    {
        j.Title,
        j.YearsRequired,
        j.Seniority,
        j.Location,
        j.WorkArrangement,
        j.Languages,
    };

    /// <summary>Reads both documents, builds their profiles and (unless turned off) embeds them. Null after printing why when a document cannot be read.</summary>
    internal static async Task<(CandidateProfile Candidate, JobProfile Job)?> LoadAsync(
        string resumePath, string? jobPath, CommonOptions options, ParseResult parse, TextWriter error, CancellationToken cancellationToken)
    {
        var resumeText = await ReadAsync(resumePath, error, cancellationToken);
        if (resumeText is null)
        {
            return null;
        }

        string? jobText = null;
        if (jobPath is not null)
        {
            jobText = await ReadAsync(jobPath, error, cancellationToken);
            if (jobText is null)
            {
                return null;
            }
        }

        // The served path's two steps (ingestion reads, matching builds): the same profile the service scores.
        var resume = ProfileFactory.Read(resumeText, DocumentKind.Resume, options.ReferenceDate(parse), deadline: cancellationToken);
        var ad = jobText is null ? null : ProfileFactory.Read(jobText, DocumentKind.Job, options.ReferenceDate(parse), deadline: cancellationToken);
        var candidate = ProfileFactory.Candidate(Path.GetFileName(resumePath), resume);
        var job = ad is null
            ? ProfileBuilder.Role(parse.GetValue(options.Role)!)
            : ProfileFactory.Job(Path.GetFileName(jobPath!), ad);
        if (!parse.GetValue(options.NoEmbeddings) && ad is not null)
        {
            // What the embedding service embeds for a profile (ADR 0002): title, the extracted skills' names, the text;
            // one text per call as the service does, so that the vectors (no padding in a batch) are the served ones bit for bit.
            using var onnx = new OnnxSentenceEmbeddingGenerator();
            IEmbeddingGenerator<string, Embedding<float>> generator = onnx;
            var embeddings = new[]
            {
                await generator.GenerateAsync(ProfileEmbeddingText.BuildForResume(resume.Facts.Title, resume.Skills.Select(s => s.Name), resume.Text, cancellationToken), cancellationToken: cancellationToken),
                await generator.GenerateAsync(ProfileEmbeddingText.Build(ad.Facts.Title, ad.Skills.Select(s => s.Name), ad.Text), cancellationToken: cancellationToken),
            };
            candidate = candidate with { Vector = embeddings[0].Vector.ToArray() };
            job = job with { Vector = embeddings[1].Vector.ToArray() };
        }

        return (candidate, job);
    }

    internal static async Task<string?> ReadAsync(string path, TextWriter error, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Cannot read '{path}': {e.Message}");
            return null;
        }

        var read = DocumentReader.Read(bytes, path, DocumentLimits.Default);
        if (read is DocumentRejection rejection)
        {
            await error.WriteLineAsync($"'{path}' rejected: {rejection.Reason} ({rejection.Detail})");
            return null;
        }

        return ((ReadDocument)read).Text;
    }

    /// <summary>Options shared by <c>match</c> and <c>gap</c>.</summary>
    internal sealed class CommonOptions
    {
        public Option<string[]> Weight { get; } = new("--weight")
        {
            Description = "Override a weight, e.g. --weight semantic=0.4 --weight requiredSkills=0.3 (components: requiredSkills, preferredSkills, semantic, experience, seniority, location, languages).",
            AllowMultipleArgumentsPerToken = true,
        };

        public Option<bool> NoEmbeddings { get; } = new("--no-embeddings") { Description = "Skip the ONNX model: no semantic component (its weight is spread over the others)." };

        public Option<string?> ReferenceDateOption { get; } = new("--reference-date") { Description = "Date that \"Present\"/\"至今\" runs to (yyyy-MM-dd); default today (UTC)." };

        public Option<string?> Role { get; } = new("--role") { Description = "A target role id from the taxonomy (role-mlops-engineer, …) instead of a job file." };

        public void AddTo(Command command)
        {
            command.Options.Add(Weight);
            command.Options.Add(NoEmbeddings);
            command.Options.Add(ReferenceDateOption);
        }

        public DateOnly ReferenceDate(ParseResult parse) => parse.GetValue(ReferenceDateOption) is { } text
            ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

        /// <summary>The default weights with the --weight overrides; null after printing why when one is malformed.</summary>
        public MatchWeights? Weights(ParseResult parse, TextWriter error)
        {
            try
            {
                return MatchWeights.Default.WithOverrides(parse.GetValue(Weight) ?? []);
            }
            catch (ArgumentException e)
            {
                error.WriteLine(e.Message);
                return null;
            }
        }
    }

    /// <summary>Four decimals are plenty for a score a person reads, and keep the JSON short.</summary>
    private sealed class RoundedDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(Math.Round(value, 4));
    }
}
