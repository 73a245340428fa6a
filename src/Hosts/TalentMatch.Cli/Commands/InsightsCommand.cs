using System.CommandLine;
using System.Text.Json;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Matching;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Core.Skills;

namespace TalentMatch.Cli.Commands;

/// <summary>
/// <c>talentmatch insights DIR [--format json|table]</c>: reads every job ad under DIR (any format <c>parse</c> reads;
/// a <c>.jsonl</c> file is one ad per line, its <c>text</c> field) and prints which skills are asked for, how often
/// together and what the ads pay, through <see cref="MarketInsights"/>: the aggregation the insights service runs.
/// </summary>
internal static class InsightsCommand
{
    /// <summary>Bounds a folder walk: a DIR of a million files is a mistake, not a corpus.</summary>
    public const int MaxDocuments = 100_000;

    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "A folder of job ads (searched recursively), or one .jsonl file of ads." };
        var format = new Option<string>("--format") { Description = "json or table.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "table");
        var top = new Option<int>("--top") { Description = "Skills listed, most asked for first.", DefaultValueFactory = _ => 30 };
        var command = new Command("insights", "Skill demand, co-occurring skills and pay over a folder of job ads.") { dir, format, top };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(dir)!;
            var maxSkills = parse.GetValue(top);
            if (maxSkills is < 1 or > 10_000)
            {
                await error.WriteLineAsync("--top must be between 1 and 10000.");
                return 1;
            }

            var files = Files(path);
            if (files is null)
            {
                await error.WriteLineAsync($"No such folder or .jsonl file: {path}");
                return 1;
            }

            var jobs = new List<MarketJob>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var skipped = 0;
            foreach (var (name, text) in Ads(files, error))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (jobs.Count + skipped >= MaxDocuments)
                {
                    await error.WriteLineAsync($"Stopped after {MaxDocuments:N0} documents.");
                    break;
                }

                var job = Read(name, text, error);
                if (job is null)
                {
                    skipped++;
                }
                else if (seen.Add(job.Value.Text))
                {
                    jobs.Add(job.Value.Job);
                }
            }

            var report = MarketInsights.Summarise(jobs, SkillExtractor.Default.Taxonomy, maxSkills);
            await output.WriteAsync(parse.GetValue(format) == "table" ? InsightsTable.Format(report) : JsonSerializer.Serialize(report, MatchCommand.Json) + "\n");
            if (skipped > 0)
            {
                await error.WriteLineAsync($"{skipped} document(s) skipped (unreadable or empty).");
            }

            return 0;
        });
        return command;
    }

    private static List<string>? Files(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            return null;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint };
        // Sorted: the same folder gives the same report, whatever order the file system lists it in.
        return [.. Directory.EnumerateFiles(path, "*", options).Take(MaxDocuments + 1).Order(StringComparer.Ordinal)];
    }

    private static IEnumerable<(string Name, string Text)> Ads(List<string> files, TextWriter error)
    {
        foreach (var file in files)
        {
            var length = new FileInfo(file).Length;
            if (file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            {
                var line = 0;
                foreach (var text in JsonLines(file, error))
                {
                    line++;
                    yield return ($"{file}:{line}", text);
                }
            }
            else if (length > DocumentLimits.Default.MaxBytes)
            {
                error.WriteLine($"'{file}' skipped: {length:N0} bytes, over the {DocumentLimits.Default.MaxBytes:N0} limit.");
            }
            else
            {
                var read = DocumentReader.Read(File.ReadAllBytes(file), file, DocumentLimits.Default);
                if (read is ReadDocument document)
                {
                    yield return (file, document.Text);
                }
                else
                {
                    error.WriteLine($"'{file}' skipped: {((DocumentRejection)read).Reason}.");
                }
            }
        }
    }

    private static IEnumerable<string> JsonLines(string file, TextWriter error)
    {
        foreach (var line in File.ReadLines(file))
        {
            if (line.Length > DocumentLimits.DefaultMaxTextCharacters)
            {
                error.WriteLine($"'{file}': a line over {DocumentLimits.DefaultMaxTextCharacters:N0} characters skipped.");
                continue;
            }

            string? text = null;
            try
            {
                using var json = JsonDocument.Parse(line);
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
                {
                    text = value.GetString();
                }
            }
            catch (JsonException)
            {
            }

            if (text is null)
            {
                if (line.Trim().Length > 0)
                {
                    error.WriteLine($"'{file}': a line without a \"text\" string skipped.");
                }

                continue;
            }

            yield return text;
        }
    }

    /// <summary>The served path: ingestion's reading, within the reading budget's time; null for text with nothing in it.</summary>
    private static (MarketJob Job, string Text)? Read(string name, string text, TextWriter error)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        using var deadline = new CancellationTokenSource(DocumentLimits.Default.Timeout);
        try
        {
            var reading = ProfileFactory.Read(text, DocumentKind.Job, DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime), deadline: deadline.Token);
            return (MarketJob.From(name, reading.Facts.Title, reading.Skills, reading.Facts, open: true, TimeProvider.System.GetUtcNow()), reading.Text);
        }
        catch (Exception e) when (e is OperationCanceledException or System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            error.WriteLine($"'{name}' skipped: parsing timed out.");
            return null;
        }
    }
}
