using System.Text;

namespace TalentMatch.Core.Documents.Tests;

/// <summary>
/// Mutated real documents (truncated, bit-flipped, misnamed, replaced by noise) must each end in text
/// or a typed rejection: no exception escapes and nothing hangs. The seed is fixed so a failure replays.
/// </summary>
public class FuzzTests
{
    private const int Seed = 20250601;

    public static TheoryData<string> SeedFiles => new()
    {
        "vanetik_vacancy_resume_ranking_en/CV_pdf/1.pdf",
        "vanetik_vacancy_resume_ranking_en/CV_pdf/17.pdf",
        "vanetik_vacancy_resume_ranking_en/CV_docx/1.docx",
        "vanetik_vacancy_resume_ranking_en/CV_docx/17.docx",
        "vanetik_vacancy_resume_ranking_en/annotation_instructions.docx",
        "green_lrec2022_en/Combined_Annotation_Instructions.pdf",
        "boss_zhipin_ai_jds_zh/raw_md/00c0a3750f6d30fc03V60t2-FFpY.md",
        "ml_jobs_us_en/test_ml_jobs_us.csv",
        "hn_whoishiring_parse_cases_en/eval_cases.json",
    };

    [Theory(Timeout = 600_000)]
    [MemberData(nameof(SeedFiles))]
    public async Task Mutations_of_a_real_file_never_crash_or_hang(string relativePath)
    {
        var original = SharedData.Bytes(relativePath.Split('/'));
        var mutants = Mutate(original, new Random(Seed ^ relativePath.Length)).ToList();
        var limits = DocumentLimits.Default with { Timeout = TimeSpan.FromSeconds(10) };

        var outcomes = await Task.Run(() => mutants.Select(m => (m.Name, Result: DocumentReader.Read(m.Bytes, m.FileName, limits))).ToList(),
            TestContext.Current.CancellationToken);

        Assert.Equal(mutants.Count, outcomes.Count);
        foreach (var (name, result) in outcomes)
        {
            var ok = result switch
            {
                ReadDocument read => !string.IsNullOrWhiteSpace(read.Text),
                DocumentRejection rejection => Enum.IsDefined(rejection.Reason) && !string.IsNullOrWhiteSpace(rejection.Detail),
                _ => false,
            };
            Assert.True(ok, $"{relativePath} / {name}: {result}");
        }
    }

    [Fact]
    public void Pure_noise_with_any_file_name_ends_in_a_typed_result()
    {
        var random = new Random(Seed);
        foreach (var name in new[] { "cv.pdf", "cv.docx", "cv.doc", "cv.html", "cv.md", "cv.txt", null })
        {
            foreach (var length in new[] { 1, 2, 7, 64, 1000, 65536 })
            {
                var bytes = new byte[length];
                random.NextBytes(bytes);
                var result = DocumentReader.Read(bytes, name);
                Assert.True(result is ReadDocument { Text.Length: > 0 } or DocumentRejection { Detail.Length: > 0 }, $"{name} {length}: {result}");
            }
        }
    }

    private static IEnumerable<(string Name, byte[] Bytes, string FileName)> Mutate(byte[] original, Random random)
    {
        string[] names = ["cv.pdf", "cv.docx", "cv.txt", "cv.doc", "resume.html"];
        foreach (var fraction in new[] { 0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 })
        {
            var length = (int)(original.Length * fraction);
            yield return ($"truncated to {fraction:P0}", original[..length], names[random.Next(names.Length)]);
        }
        for (var round = 0; round < 24; round++)
        {
            var flipped = (byte[])original.Clone();
            var flips = 1 << (round % 6); // 1 to 32 flipped bits
            for (var i = 0; i < flips; i++)
            {
                var position = random.Next(flipped.Length);
                flipped[position] ^= (byte)(1 << random.Next(8));
            }
            yield return ($"{flips} bit flips (round {round})", flipped, names[random.Next(names.Length)]);
        }
        for (var round = 0; round < 6; round++)
        {
            // Overwrite a block with noise: corrupts compressed streams and cross-reference tables wholesale.
            var smashed = (byte[])original.Clone();
            var start = random.Next(smashed.Length);
            var noise = new byte[Math.Min(smashed.Length - start, 1 + random.Next(512))];
            random.NextBytes(noise);
            noise.CopyTo(smashed, start);
            yield return ($"noise block at {start} (round {round})", smashed, names[random.Next(names.Length)]);
        }
        // Keep the magic bytes, replace the body: the worst case for a format-specific parser.
        var headerOnly = new byte[Math.Min(original.Length, 4096)];
        random.NextBytes(headerOnly);
        original.AsSpan(0, Math.Min(8, original.Length)).CopyTo(headerOnly);
        yield return ("magic bytes then noise", headerOnly, "cv.pdf");
        yield return ("doubled", [.. original, .. original], "cv.txt");
        yield return ("utf-16 re-encoded", Encoding.Unicode.GetBytes(Encoding.Latin1.GetString(original)), "cv.txt");
    }
}
