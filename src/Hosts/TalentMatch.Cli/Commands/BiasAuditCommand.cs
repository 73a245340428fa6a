using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.AI;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Embeddings;
using TalentMatch.Core.Matching;
using TalentMatch.Core.Matching.Fairness;

namespace TalentMatch.Cli.Commands;

/// <summary>
/// <c>talentmatch bias-audit JOB DIR --demographics FILE.csv</c>: the bias report of <c>GET /v1/audit/bias</c> over a
/// corpus: every resume under DIR scored against JOB as <c>match</c> scores it, then selection rates and impact ratios by
/// the self-identified categories in FILE.csv (<c>file,sex,raceEthnicity</c>; file names relative to DIR; a blank cell
/// is "not declared"). Same computation as the service (<see cref="SelectionRates"/>). Prints JSON or CSV.
/// </summary>
internal static class BiasAuditCommand
{
    public static Command Create()
    {
        var job = new Argument<string>("job") { Description = "The job description (PDF, DOCX, HTML, Markdown or text)." };
        var directory = new Argument<string>("resumes") { Description = "A folder of resumes; every file under it is scored." };
        var demographics = new Option<string>("--demographics") { Description = "CSV with a header file,sex,raceEthnicity: each resume's self-identified categories.", Required = true };
        var threshold = new Option<double?>("--threshold") { Description = "Selected: a score of at least this (0-1). Default: above the median score (LL144's scoring rate)." };
        var top = new Option<int?>("--top") { Description = "Selected: ranked in the first K." };
        var format = new Option<string>("--format") { Description = "json or csv.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv");
        var options = new MatchCommand.CommonOptions();
        var command = new Command("bias-audit", "Selection rates and impact ratios by self-identified category for a job over a folder of resumes.")
        {
            job, directory, demographics, threshold, top, format,
        };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var weights = options.Weights(parse, error);
            var selection = Selection(parse.GetValue(threshold), parse.GetValue(top), error);
            var categories = await ReadCategoriesAsync(parse.GetValue(demographics)!, error, cancellationToken);
            if (weights is null || selection is null || categories is null)
            {
                return 1;
            }

            var root = parse.GetValue(directory)!;
            if (!Directory.Exists(root))
            {
                await error.WriteLineAsync($"No folder '{root}'.");
                return 2;
            }

            var people = await ScoreAsync(parse.GetValue(job)!, root, categories, weights, options, parse, error, cancellationToken);
            if (people is null)
            {
                return 2;
            }

            string[] dimensions = ["sex", "raceEthnicity"];
            var report = SelectionRates.Compute(people, dimensions, selection);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteAsync(parse.GetValue(format) == "csv"
                ? SelectionRates.ToCsv(report.Dimensions)
                : JsonSerializer.Serialize(report, MatchCommand.Json) + Environment.NewLine);
            return 0;
        });
        return command;
    }

    private static Selection? Selection(double? threshold, int? top, TextWriter error)
    {
        var problem = (threshold, top) switch
        {
            (not null, not null) => "Give at most one of --threshold and --top.",
            ({ } t, null) when t is < 0 or > 1 || double.IsNaN(t) => "--threshold is a score between 0 and 1.",
            (null, { } k) when k < 1 => "--top is 1 or more.",
            _ => null,
        };
        if (problem is not null)
        {
            error.WriteLine(problem);
            return null;
        }

        return threshold is { } at ? new Selection.AtLeast(at) : top is { } count ? new Selection.Top(count) : new Selection.AboveMedian();
    }

    /// <summary>The resumes under <paramref name="root"/> scored against the job, with their categories; null after printing why when the job cannot be read.</summary>
    private static async Task<List<AssessedPerson>?> ScoreAsync(
        string jobPath, string root, IReadOnlyDictionary<string, Dictionary<string, string?>> categories, MatchWeights weights,
        MatchCommand.CommonOptions options, ParseResult parse, TextWriter error, CancellationToken cancellationToken)
    {
        var jobText = await MatchCommand.ReadAsync(jobPath, error, cancellationToken);
        if (jobText is null)
        {
            return null;
        }

        var today = options.ReferenceDate(parse);
        var ad = ProfileFactory.Read(jobText, DocumentKind.Job, today, deadline: cancellationToken);
        var job = ProfileFactory.Job(Path.GetFileName(jobPath), ad);
        using var onnx = parse.GetValue(options.NoEmbeddings) ? null : new OnnxSentenceEmbeddingGenerator();
        IEmbeddingGenerator<string, Embedding<float>>? generator = onnx;
        if (generator is not null)
        {
            job = job with { Vector = (await generator.GenerateAsync(ProfileEmbeddingText.Build(ad.Facts.Title, ad.Skills.Select(s => s.Name), ad.Text), cancellationToken: cancellationToken)).Vector.ToArray() };
        }

        var people = new List<AssessedPerson>();
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(root, path);
            var text = await MatchCommand.ReadAsync(path, error, cancellationToken);
            if (text is null)
            {
                continue; // said why on stderr; an unreadable resume is not assessed
            }

            var resume = ProfileFactory.Read(text, DocumentKind.Resume, today, deadline: cancellationToken);
            var candidate = ProfileFactory.Candidate(name, resume);
            if (generator is not null)
            {
                var embedded = ProfileEmbeddingText.BuildForResume(resume.Facts.Title, resume.Skills.Select(s => s.Name), resume.Text, cancellationToken);
                candidate = candidate with { Vector = (await generator.GenerateAsync(embedded, cancellationToken: cancellationToken)).Vector.ToArray() };
            }

            var score = Matcher.Default.ScoreValue(job, candidate, weights);
            people.Add(new AssessedPerson(name, score, categories.GetValueOrDefault(name) ?? []));
        }

        return people;
    }

    /// <summary>The categories file: a header naming <c>file</c> and the dimensions, then one line per resume. Null after printing why.</summary>
    private static async Task<Dictionary<string, Dictionary<string, string?>>?> ReadCategoriesAsync(string path, TextWriter error, CancellationToken cancellationToken)
    {
        List<string[]> rows;
        try
        {
            rows = Csv.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Cannot read '{path}': {e.Message}");
            return null;
        }

        var header = rows.Count == 0 ? [] : rows[0].Select(h => h.Trim()).ToArray();
        var fileColumn = Array.IndexOf(header, "file");
        if (fileColumn < 0)
        {
            await error.WriteLineAsync($"'{path}': the first line must name the columns, one of them 'file' (e.g. file,sex,raceEthnicity).");
            return null;
        }

        var result = new Dictionary<string, Dictionary<string, string?>>(StringComparer.Ordinal);
        foreach (var cells in rows.Skip(1).Where(r => fileColumn < r.Length && r[fileColumn].Trim().Length > 0))
        {
            result[cells[fileColumn].Trim()] = header.Select((name, i) => (name, i)).Where(c => c.i != fileColumn)
                .ToDictionary(c => c.name, c => c.i < cells.Length && cells[c.i].Trim().Length > 0 ? cells[c.i].Trim() : null);
        }

        return result;
    }
}
