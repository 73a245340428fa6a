using System.Text.RegularExpressions;

namespace TalentMatch.Core.Documents.Tests;

/// <summary>Every real document in the shared data folder ends in text or a typed rejection.</summary>
public partial class RealDataTests
{
    [Fact(Timeout = 600_000)]
    public async Task Every_file_in_the_shared_data_ends_in_text_or_a_typed_rejection()
    {
        var root = SharedData.Path();
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 300, $"only {files.Count} files found under {root}");

        var outcomes = await Task.Run(() => files.Select(file => (File: file, Result: DocumentReader.Read(File.ReadAllBytes(file), file))).ToList(),
            TestContext.Current.CancellationToken);

        foreach (var (file, result) in outcomes)
        {
            switch (result)
            {
                case ReadDocument read:
                    Assert.False(string.IsNullOrWhiteSpace(read.Text), file);
                    Assert.DoesNotContain('\uFFFD', read.Text);
                    break;
                case DocumentRejection rejection:
                    Assert.False(string.IsNullOrWhiteSpace(rejection.Detail), file);
                    break;
                default:
                    Assert.Fail($"{file}: unexpected result {result}");
                    break;
            }
        }
        // Resumes and job ads are never rejected; only non-documents (the ZIPs of XML) are.
        var rejectedDocuments = outcomes.Where(o => o.Result is DocumentRejection && !o.File.EndsWith(".zip", StringComparison.Ordinal)).ToList();
        Assert.True(rejectedDocuments.Count == 0, string.Join("\n", rejectedDocuments.Select(o => $"{o.File}: {o.Result}")));
    }

    [Fact(Timeout = 600_000)]
    public async Task Every_vanetik_cv_reads_from_docx_with_the_words_of_the_reference_text()
    {
        var folder = SharedData.Path("vanetik_vacancy_resume_ranking_en");
        var docxFiles = Directory.GetFiles(Path.Combine(folder, "CV_docx"), "*.docx");
        Assert.Equal(65, docxFiles.Length);

        var recalls = await Task.Run(() => docxFiles.Select(file =>
        {
            var read = Assert.IsType<ReadDocument>(DocumentReader.Read(File.ReadAllBytes(file), file));
            var reference = File.ReadAllText(Path.Combine(folder, "CV_text", Path.GetFileNameWithoutExtension(file) + ".txt"));
            return (File: file, Recall: WordRecall(reference, read.Text));
        }).ToList(), TestContext.Current.CancellationToken);

        // The reference holds body text only; we also read headers, so recall (not equality) is the measure.
        Assert.All(recalls, r => Assert.True(r.Recall >= 0.97, $"{r.File}: word recall {r.Recall:P1}"));
    }

    [Fact(Timeout = 600_000)]
    public async Task Every_vanetik_cv_pdf_has_a_text_layer_that_matches_its_docx()
    {
        var folder = SharedData.Path("vanetik_vacancy_resume_ranking_en");
        var pdfFiles = Directory.GetFiles(Path.Combine(folder, "CV_pdf"), "*.pdf");
        Assert.Equal(65, pdfFiles.Length);

        var recalls = await Task.Run(() => pdfFiles.Select(file =>
        {
            var read = Assert.IsType<ReadDocument>(DocumentReader.Read(File.ReadAllBytes(file), file));
            Assert.True(read.PageCount >= 1);
            var reference = File.ReadAllText(Path.Combine(folder, "CV_text", Path.GetFileNameWithoutExtension(file) + ".txt"));
            return (File: file, Recall: WordRecall(reference, read.Text));
        }).ToList(), TestContext.Current.CancellationToken);

        Assert.True(recalls.Average(r => r.Recall) >= 0.95, string.Join("\n", recalls.Select(r => $"{r.File}: {r.Recall:P1}")));
    }

    /// <summary>Share of the reference's words (as a multiset) found in the extracted text.</summary>
    internal static double WordRecall(string reference, string extracted)
    {
        var counts = Words().Matches(extracted).GroupBy(m => m.Value.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.Count());
        var referenceWords = Words().Matches(reference).Select(m => m.Value.ToUpperInvariant()).ToList();
        if (referenceWords.Count == 0) return 1;
        var found = 0;
        foreach (var word in referenceWords)
        {
            if (counts.TryGetValue(word, out var left) && left > 0)
            {
                counts[word] = left - 1;
                found++;
            }
        }
        return (double)found / referenceWords.Count;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Words();
}
