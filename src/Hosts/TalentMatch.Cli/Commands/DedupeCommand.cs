using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Documents.Duplicates;

namespace TalentMatch.Cli.Commands;

/// <summary>
/// <c>talentmatch dedupe DIR</c>: reads every resume in a folder (PDF, DOCX, HTML, Markdown, text) and
/// prints the groups of files that are one person, with the score and reasons of each pair, as the
/// service's duplicate detection finds them (<see cref="DuplicateIndex"/>: the same fingerprints and scorer).
/// Files it cannot read are listed as skipped. Exit code 1 for a missing folder or a bad threshold.
/// </summary>
internal static class DedupeCommand
{
    /// <summary>Files read at most: a folder is a batch, not an archive (beyond it, split the folder).</summary>
    public const int MaxFiles = 10_000;

    private sealed record Pair(string A, string B, double Score, IReadOnlyList<string> Reasons);

    private sealed record Group(IReadOnlyList<string> Files, IReadOnlyList<Pair> Pairs);

    private sealed record Skipped(string File, string Reason);

    public static Command Create()
    {
        var folder = new Argument<string>("dir") { Description = "The folder of resumes (its files, not its subfolders)." };
        var threshold = new Option<double>("--threshold")
        {
            Description = $"The score from which two files count as one person ({DuplicateScorer.MinThreshold}–{DuplicateScorer.MaxThreshold}).",
            DefaultValueFactory = _ => DuplicateScorer.Threshold,
        };
        var referenceDate = new Option<string?>("--reference-date") { Description = "Date that \"Present\"/\"至今\" runs to (yyyy-MM-dd); default today (UTC)." };
        var command = new Command("dedupe", "Group the resumes of a folder that are one person, with the reasons.") { folder, threshold, referenceDate };
        command.SetAction(parse => Run(parse.GetValue(folder)!, parse.GetValue(threshold), parse.GetValue(referenceDate), parse.InvocationConfiguration));
        return command;
    }

    private static int Run(string path, double threshold, string? referenceDate, InvocationConfiguration console)
    {
        if (!Directory.Exists(path))
        {
            console.Error.WriteLine($"No such folder: {path}");
            return 1;
        }

        if (!(threshold >= DuplicateScorer.MinThreshold && threshold <= DuplicateScorer.MaxThreshold))
        {
            console.Error.WriteLine($"--threshold is a score from {DuplicateScorer.MinThreshold} to {DuplicateScorer.MaxThreshold}.");
            return 1;
        }

        var reference = referenceDate is null
            ? DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime)
            : DateOnly.ParseExact(referenceDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var files = Directory.EnumerateFiles(path).Order(StringComparer.Ordinal).Take(MaxFiles + 1).ToList();
        if (files.Count > MaxFiles)
        {
            console.Error.WriteLine($"The folder holds more than {MaxFiles} files: split it.");
            return 1;
        }

        var index = new DuplicateIndex(threshold);
        var read = new List<string>();
        var skipped = new List<Skipped>();
        var pairs = new List<(int A, int B, DuplicateAssessment Assessment)>();
        foreach (var file in files)
        {
            if (DocumentReader.Read(File.ReadAllBytes(file), file, DocumentLimits.Default) is not ReadDocument document)
            {
                skipped.Add(new Skipped(Path.GetFileName(file), "not a readable document"));
                continue;
            }

            var fingerprint = DuplicateFingerprint.Create(
                "talentmatch-dedupe", document.Text, DuplicateFingerprint.ParseWithin(document.Text, reference, CancellationToken.None, out _));
            pairs.AddRange(index.Add(fingerprint).Where(p => p.Assessment.IsSuspected).Select(p => (p.Earlier, p.Later, p.Assessment)));
            read.Add(Path.GetFileName(file));
        }

        console.Output.WriteLine(JsonSerializer.Serialize(new
        {
            folder = path,
            files = read.Count,
            threshold,
            groups = Groups(read, pairs),
            skipped,
        }, ParseCommand.Json));
        return 0;
    }

    /// <summary>Files joined by suspected pairs, transitively (union-find): largest group first, each with the pairs inside it.</summary>
    private static List<Group> Groups(List<string> files, List<(int A, int B, DuplicateAssessment Assessment)> pairs)
    {
        var parent = Enumerable.Range(0, files.Count).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        foreach (var (a, b, _) in pairs)
        {
            parent[Root(a)] = Root(b);
        }

        return [.. pairs.GroupBy(p => Root(p.A))
            .Select(g => new Group(
                [.. g.SelectMany(p => new[] { p.A, p.B }).Distinct().Order().Select(i => files[i])],
                [.. g.OrderByDescending(p => p.Assessment.Score).Select(p => new Pair(files[p.A], files[p.B], p.Assessment.Score, p.Assessment.Reasons))]))
            .OrderByDescending(g => g.Files.Count).ThenBy(g => g.Files[0], StringComparer.Ordinal)];
    }
}
