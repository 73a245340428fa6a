using System.Diagnostics;
using System.Globalization;
using System.Text;
using TalentMatch.Core.Embeddings;
using TalentMatch.Core.Skills;
using static TalentMatch.Bench.Commands.SkillBenchmark;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// <c>extract --linking on</c>: semantic linking's effect on the gold sets (the same <see cref="SemanticLinker.LinkAsync"/>
/// the service runs), the threshold sweep the thresholds are calibrated on (dev split only), and throughput with and
/// without linking in one run.
/// </summary>
internal static class LinkingBenchmark
{
    private static readonly double[] Thresholds = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

    /// <summary>
    /// The product's model as the service loads it, but with its text cache off (the benchmark repeats the same ads, and
    /// cached phrases would make linking look free) and one session of one thread (throughput per core).
    /// </summary>
    public static SemanticLinker Create(SkillTaxonomy taxonomy, double? englishThreshold, double? chineseThreshold)
    {
        var generator = new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions { CacheCapacity = 0, Sessions = 1, IntraOpThreads = 1 });
        var options = new SemanticLinkingOptions();
        options.EnglishThreshold = englishThreshold ?? options.EnglishThreshold;
        options.ChineseThreshold = chineseThreshold ?? options.ChineseThreshold;
        return new SemanticLinker(taxonomy, generator, options);
    }

    /// <summary>Added true and false positives per threshold, English and Chinese phrases apart, and each proposal with <paramref name="listErrors"/>.</summary>
    public static void WriteSweep(TextWriter output, SkillExtractor extractor, SemanticLinker linker, string dataDir, List<GoldDocument> gold, bool listErrors)
    {
        var proposals = gold.Select(d =>
        {
            var text = ReadDocument(dataDir, d);
            var exact = extractor.Extract(text, d.Mode);
            var found = exact.Skills.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            var links = linker.ProposeAsync(text, exact).GetAwaiter().GetResult().Where(l => !found.Contains(l.SkillId)).ToList();
            return (Document: d, Links: links);
        }).ToList();

        output.WriteLine("Linking threshold sweep (links to nodes the exact pass did not find; a node counted once per document):");
        output.WriteLine();
        output.WriteLine("| script | threshold | linked | correct | wrong | precision of links |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var chinese in new[] { false, true })
        {
            foreach (var threshold in Thresholds)
            {
                int correct = 0, wrong = 0;
                foreach (var (document, links) in proposals)
                {
                    foreach (var id in links.Where(l => l.Chinese == chinese && l.Score >= threshold).Select(l => l.SkillId).Distinct())
                    {
                        (correct, wrong) = document.Skills.Contains(id) ? (correct + 1, wrong) : (correct, wrong + 1);
                    }
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {(chinese ? "zh" : "en")} | {threshold:F2} | {correct + wrong} | {correct} | {wrong} | {(correct + wrong == 0 ? "–" : ((double)correct / (correct + wrong)).ToString("F3", CultureInfo.InvariantCulture))} |"));
            }
        }

        if (listErrors)
        {
            output.WriteLine();
            foreach (var (document, links) in proposals.Where(p => p.Links.Count > 0))
            {
                var shown = links.OrderByDescending(l => l.Score).Select(l => string.Create(CultureInfo.InvariantCulture,
                    $"{l.Phrase} → {l.SkillId} {l.Score:F3}{(document.Skills.Contains(l.SkillId) ? " ✓" : string.Empty)}"));
                output.WriteLine($"- {document.File}:{document.Line} {string.Join("; ", shown)}");
            }
        }

        output.WriteLine();
    }

    /// <summary>Exact extraction alone and exact extraction plus linking, alternated in pairs over the same ads.</summary>
    public static void WriteThroughput(TextWriter output, SkillExtractor extractor, SemanticLinker linker, List<string> ads, double seconds)
    {
        var bytes = ads.Sum(a => (long)Encoding.UTF8.GetByteCount(a));
        var phrases = 0;
        foreach (var ad in ads)
        {
            var exact = extractor.Extract(ad);
            phrases += linker.ProposeAsync(ad, exact).GetAwaiter().GetResult().Count; // warm-up: JIT, the name index
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Throughput, {ads.Count} real ads ({bytes / 1024.0:F0} KiB UTF-8), {phrases} phrases embedded per pass (at most {linker.Options.MaxPhrasesPerDocument} per document), {linker.EnglishNameCount} English names indexed; each part of a pair runs {seconds:F1} s:"));
        output.WriteLine();
        output.WriteLine("| pair | exact MB/s | exact + linking MB/s |");
        output.WriteLine("|---:|---:|---:|");
        for (var pair = 1; pair <= 3; pair++)
        {
            var without = Measure(ads, bytes, seconds, ad => extractor.Extract(ad));
            var with = Measure(ads, bytes, seconds, ad => linker.LinkAsync(ad, extractor.Extract(ad), ExtractionMode.JobDescription).GetAwaiter().GetResult());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {pair} | {without:F2} | {with:F2} |"));
        }
    }

    private static double Measure(List<string> ads, long bytes, double seconds, Action<string> extract)
    {
        long processed = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            foreach (var ad in ads)
            {
                extract(ad);
            }

            processed += bytes;
        }
        while (clock.Elapsed.TotalSeconds < seconds);
        return processed / 1e6 / clock.Elapsed.TotalSeconds;
    }
}
