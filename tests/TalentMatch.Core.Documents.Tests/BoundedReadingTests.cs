using System.IO.Compression;
using System.Text;

namespace TalentMatch.Core.Documents.Tests;

/// <summary>
/// Issue 15: hostile uploads end in a typed result, and the work behind that result has stopped when it
/// comes. "Stopped" is asserted on the work itself, not on a clock: the probe counts the budget steps the
/// extractors take, says whether their thread has let go, and can end the budget at a chosen step.
/// </summary>
public class BoundedReadingTests
{
    private static async Task<(DocumentReadResult Result, ReadProbe Probe)> Read(byte[] bytes, DocumentLimits? limits = null, long expireAfterSteps = long.MaxValue)
    {
        var probe = new ReadProbe { ExpireAfterSteps = expireAfterSteps };
        var result = await DocumentReader.ReadCoreAsync(bytes, "hostile", limits ?? DocumentLimits.Default, probe, TestContext.Current.CancellationToken);
        return (result, probe);
    }

    /// <summary>The thread doing the work let go before the answer came, and takes no step afterwards.</summary>
    private static async Task AssertStopped(ReadProbe probe)
    {
        Assert.True(probe.Finished, "the reading work was still running when the answer came");
        var steps = probe.Steps;
        await Task.Delay(250, TestContext.Current.CancellationToken);
        Assert.Equal(steps, probe.Steps);
    }

    private static DocumentRejection AssertRejected(DocumentReadResult result, RejectionReason reason)
    {
        var rejection = Assert.IsType<DocumentRejection>(result);
        Assert.Equal(reason, rejection.Reason);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Detail));
        return rejection;
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(200_000)]
    public async Task The_markdown_emphasis_bomb_is_read_in_one_pass(int repeats)
    {
        // Quadratic before: 10 KB cost 2.2 s of CPU, 20 KB 8 s; 400 KB would have taken most of an hour.
        // The repetition check (TextRepetitionTests) would refuse the read text; here the reading itself is timed.
        var (result, probe) = await Read(HostileInputs.MarkdownEmphasisBomb(repeats), RepetitionAllowed);

        var read = Assert.IsType<ReadDocument>(result);
        Assert.Equal(DetectedFormat.Markdown, read.Format);
        Assert.StartsWith("Jane\nJane\n*a*a*a", read.Text, StringComparison.Ordinal);
        Assert.Equal((2 * repeats) + 10, read.Text.Length);
        await AssertStopped(probe);
    }

    private static readonly DocumentLimits RepetitionAllowed = DocumentLimits.Default with { MaxTextCompressionRatio = int.MaxValue };

    public static TheoryData<string, byte[]> Documents => new()
    {
        { "markdown bomb", HostileInputs.MarkdownEmphasisBomb(200_000) },
        { "markdown lines", HostileInputs.Repeat("# Jane Doe\n**Skills**\n", "- **PyTorch** and [site](https://example.com)\n", 5_000) },
        { "html", HostileInputs.Repeat("<html><body><h1>Jane</h1><ul>", "<li><b>PyTorch</b> at <i>Acme</i></li>", 5_000, "</ul></body></html>") },
        { "plain text", HostileInputs.Repeat("Jane Doe\n", "Built distributed training pipelines on 512 GPUs.\n", 5_000) },
        { "docx", Fixtures.Docx([.. Enumerable.Range(0, 2_000).Select(i => $"Paragraph {i} about PyTorch")]) },
        { "pdf", Fixtures.Pdf([.. Enumerable.Range(0, 8).Select(p => Enumerable.Range(0, 40).Select(l => $"Page {p} line {l} PyTorch").ToArray())]) },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Every_extractor_stops_at_the_step_where_its_budget_runs_out(string kind, byte[] document)
    {
        var (whole, complete) = await Read(document, RepetitionAllowed); // the documents repeat one line to be long
        Assert.IsType<ReadDocument>(whole);
        Assert.True(complete.Steps >= 10, $"{kind}: only {complete.Steps} budget steps for the whole document");

        // The budget runs out halfway through the work, as a timer would: the work must end right there.
        var half = complete.Steps / 2;
        var (result, probe) = await Read(document, RepetitionAllowed, expireAfterSteps: half);

        AssertRejected(result, RejectionReason.TimedOut);
        Assert.True(probe.CancellationObserved, kind);
        Assert.InRange(probe.Steps, half, half + 2); // a library that swallows the first stop meets the next step
        await AssertStopped(probe);
    }

    [Fact]
    public async Task A_ten_mib_line_without_a_newline_is_too_large_before_any_extraction()
    {
        var bytes = new byte[10 * 1024 * 1024];
        bytes.AsSpan().Fill((byte)'a');

        var (result, probe) = await Read(bytes);

        var rejection = AssertRejected(result, RejectionReason.TooLarge);
        Assert.Contains("characters of text", rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(0, probe.Steps);
        await AssertStopped(probe);
    }

    [Fact]
    public async Task Text_beyond_the_character_limit_is_refused_while_a_pdf_is_read()
    {
        var pdf = Fixtures.Pdf([.. Enumerable.Range(0, 10).Select(p => Enumerable.Range(0, 30).Select(l => $"Page {p} line {l} with some words").ToArray())]);

        var (result, probe) = await Read(pdf, DocumentLimits.Default with { MaxTextCharacters = 2_000 });

        var rejection = AssertRejected(result, RejectionReason.TooLarge);
        Assert.Contains("at least", rejection.Detail, StringComparison.Ordinal); // refused as it grew, pages before the end
        await AssertStopped(probe);
    }

    public static TheoryData<string, byte[]> NestedMarkdown => new()
    {
        { "bullets", HostileInputs.Repeat("# Jane Doe\n- PyTorch\n", "- ", 10_000, "deep item\n") },
        { "numbered", HostileInputs.Repeat("# Jane Doe\n- PyTorch\n", "1. ", 10_000, "deep item\n") },
        { "quotes", HostileInputs.Repeat("# Jane Doe\n- PyTorch\n", "> ", 10_000, "deep item\n") },
        { "mixed", HostileInputs.Repeat("# Jane Doe\n- PyTorch\n", "> * 2) ", 3_000, "deep item\n") },
    };

    [Theory]
    [MemberData(nameof(NestedMarkdown))]
    public async Task Ten_thousand_nested_markdown_lists_are_refused_as_too_deeply_nested(string kind, byte[] markdown)
    {
        var (result, probe) = await Read(markdown);

        var rejection = AssertRejected(result, RejectionReason.TooDeeplyNested);
        Assert.Contains("levels deep", rejection.Detail, StringComparison.Ordinal);
        Assert.True(probe.Steps < 10, $"{kind}: {probe.Steps} steps: the depth is measured before the text is read");
        await AssertStopped(probe);
    }

    [Fact]
    public async Task Markdown_nested_to_the_limit_and_indented_lists_are_read()
    {
        var atLimit = HostileInputs.Repeat("# Jane Doe\n", "- ", DocumentLimits.DefaultMaxNestingDepth, "deep item\n");
        var indented = Encoding.UTF8.GetBytes("# Jane Doe\n- PyTorch\n" + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"{new string(' ', i % 64)}- item {i}\n")));

        foreach (var markdown in new[] { atLimit, indented })
        {
            var (result, probe) = await Read(markdown);

            var read = Assert.IsType<ReadDocument>(result);
            Assert.True(read.Text.Contains("deep item", StringComparison.Ordinal) || read.Text.Contains("item 9999", StringComparison.Ordinal));
            await AssertStopped(probe);
        }
    }

    [Fact]
    public async Task Markdown_lists_indented_ten_thousand_levels_deep_are_too_large_before_reading()
    {
        // One more space a level: 50 MB of indentation, refused on its size before a byte is decoded.
        var text = new StringBuilder("# Jane Doe\n");
        for (var i = 0; i < 10_000; i++) text.Append(' ', i).Append("- item\n");

        var (result, probe) = await Read(Encoding.UTF8.GetBytes(text.ToString()));

        AssertRejected(result, RejectionReason.TooLarge);
        Assert.Equal(0, probe.Steps);
    }

    [Theory]
    [InlineData("<ul><li>x", "</li></ul>")]
    [InlineData("<div>", "</div>")]
    [InlineData("<span>", "")]
    [InlineData("<b>", "")]
    [InlineData("<table><tr><td>", "</td></tr></table>")]
    public async Task Ten_thousand_nested_html_elements_are_read_flat(string open, string close)
    {
        var html = HostileInputs.Repeat("<html><body><p>Jane Doe</p>", open, 10_000, "deep text" + new StringBuilder().Insert(0, close, 10_000) + "</body></html>");

        var (result, probe) = await Read(html);

        var read = Assert.IsType<ReadDocument>(result);
        Assert.Equal(DetectedFormat.Html, read.Format);
        Assert.Contains("Jane Doe", read.Text, StringComparison.Ordinal);
        Assert.Contains("deep text", read.Text, StringComparison.Ordinal);
        await AssertStopped(probe);
    }

    [Fact]
    public async Task Nesting_under_the_limit_is_walked_without_recursion()
    {
        var html = HostileInputs.Repeat("<html><body><p>Jane Doe</p>", "<div>", 200, "deep text" + new StringBuilder().Insert(0, "</div>", 200) + "<ul><li>PyTorch</li></ul></body></html>");

        var (result, _) = await Read(html);

        var read = Assert.IsType<ReadDocument>(result);
        Assert.Contains("deep text", read.Text, StringComparison.Ordinal);
        Assert.Contains("• PyTorch", read.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_html_parser_itself_stops_when_the_budget_is_spent()
    {
        // With the nesting limit lifted, AngleSharp gets the 10,000-deep tree (seconds of work, growing with
        // the square of the depth): its parse observes the budget's token, so the read still ends on time.
        var html = HostileInputs.Repeat("<html><body>", "<ul><li>x", 10_000, "deep text</body></html>");
        var limits = DocumentLimits.Default with { MaxNestingDepth = int.MaxValue, Timeout = TimeSpan.FromMilliseconds(300) };

        var (result, probe) = await Read(html, limits);

        Assert.True(result is ReadDocument or DocumentRejection { Reason: RejectionReason.TimedOut }, result.ToString());
        await AssertStopped(probe);
    }

    [Fact]
    public async Task A_docx_whose_document_xml_expands_to_200_mb_is_refused_on_its_declared_size()
    {
        var docx = HostileInputs.DocxWithBody(HostileInputs.DocumentXml("<w:p><w:r><w:t>a</w:t></w:r></w:p>", 200L * 1024 * 1024 / 36));
        Assert.True(docx.Length < 2 * 1024 * 1024, $"{docx.Length} bytes");

        var (result, probe) = await Read(docx);

        AssertRejected(result, RejectionReason.DecompressionBomb);
        Assert.Equal(0, probe.InflatedBytes); // refused from the ZIP directory, before anything was inflated
        await AssertStopped(probe);
    }

    [Fact]
    public async Task A_docx_that_lies_about_its_size_is_stopped_while_it_inflates()
    {
        var honest = HostileInputs.DocxWithBody(HostileInputs.DocumentXml("<w:p><w:r><w:t>a</w:t></w:r></w:p>", 200L * 1024 * 1024 / 36));
        var lying = HostileInputs.LieAboutSize(honest, "word/document.xml", 4096);

        var (result, probe) = await Read(lying);

        // Either the inflation is cut at the cap (a bomb), or the ZIP reader stops at the declared size and
        // the XML is found truncated (corrupt): never 200 MB in memory.
        var rejection = Assert.IsType<DocumentRejection>(result);
        Assert.Contains(rejection.Reason, new[] { RejectionReason.DecompressionBomb, RejectionReason.CorruptArchive });
        Assert.InRange(probe.InflatedBytes, 0, DocumentLimits.DefaultMaxUncompressedBytes + (1024 * 1024));
        await AssertStopped(probe);
    }

    [Theory]
    [InlineData("utf-8", 100_000)]
    [InlineData("utf-16", 60_000)] // XML in another encoding is still XML to OpenXml: it is counted too
    public async Task A_docx_of_too_many_paragraphs_is_refused_as_they_stream_past(string encoding, int paragraphs)
    {
        var xmlEncoding = encoding == "utf-8" ? new UTF8Encoding(false) : Encoding.Unicode;
        var docx = HostileInputs.DocxWithBody(HostileInputs.DocumentXml("<w:p/>", paragraphs, encoding: xmlEncoding));

        var (result, probe) = await Read(docx);

        var rejection = AssertRejected(result, RejectionReason.TooLarge);
        Assert.Contains("paragraphs", rejection.Detail, StringComparison.Ordinal);
        var whole = paragraphs * xmlEncoding.GetByteCount("<w:p/>");
        Assert.True(probe.InflatedBytes < whole / 2, $"{probe.InflatedBytes} of {whole} bytes inflated: the XML was read past the cap");
        await AssertStopped(probe);
    }

    [Fact]
    public async Task A_docx_nested_ten_thousand_levels_deep_is_refused_without_a_stack_overflow()
    {
        var docx = HostileInputs.DocxWithBody(HostileInputs.DocumentXml("<w:sdt><w:sdtContent>", 5_000,
            bodyClose: "<w:p/>" + new StringBuilder().Insert(0, "</w:sdtContent></w:sdt>", 5_000) + "</w:body>"));

        var (result, probe) = await Read(docx);

        var rejection = AssertRejected(result, RejectionReason.TooDeeplyNested);
        Assert.Contains("levels deep", rejection.Detail, StringComparison.Ordinal);
        await AssertStopped(probe);
    }

    [Fact]
    public async Task A_docx_with_more_xml_elements_than_the_limit_is_too_large()
    {
        var docx = HostileInputs.DocxWithBody(HostileInputs.DocumentXml("<w:r/>", 5_000, "<w:body><w:p>", "</w:p></w:body>"));

        var (result, _) = await Read(docx, DocumentLimits.Default with { MaxXmlElements = 1_000 });

        var rejection = AssertRejected(result, RejectionReason.TooLarge);
        Assert.Contains("XML elements", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_whose_content_stream_inflates_to_300_mb_is_stopped_after_one_page_worth()
    {
        var pdf = HostileInputs.PdfWithInflatingContent(300L * 1024 * 1024);
        Assert.True(pdf.Length < 1024 * 1024, $"{pdf.Length} bytes");

        var (result, probe) = await Read(pdf);

        AssertRejected(result, RejectionReason.DecompressionBomb);
        // Inflation stopped at the page's cap (plus one 64 KiB read), not at 300 MB; PdfPig never got the stream.
        Assert.InRange(probe.InflatedBytes, 1, DocumentLimits.DefaultMaxPageContentBytes + (64 * 1024));
        await AssertStopped(probe);
    }

    [Fact]
    public async Task A_pdf_page_with_more_content_than_the_page_limit_is_too_large()
    {
        // 4 MiB of operators, compressed well but not like a bomb: too much for one page, not an attack on the inflater.
        var pdf = HostileInputs.PdfWithInflatingContent(4L * 1024 * 1024);

        var (result, probe) = await Read(pdf, DocumentLimits.Default with { MaxCompressionRatio = 100_000 });

        var rejection = AssertRejected(result, RejectionReason.TooLarge);
        Assert.Contains("one page", rejection.Detail, StringComparison.Ordinal);
        Assert.InRange(probe.InflatedBytes, 1, DocumentLimits.DefaultMaxPageContentBytes + (64 * 1024));
    }

    [Fact]
    public void Lzw_and_run_length_sizes_are_known_without_decoding()
    {
        var data = Encoding.ASCII.GetBytes(new StringBuilder().Insert(0, "BT (TOBEORNOTTOBEORTOBEORNOT) Tj ET\n", 3_000).ToString());
        var lzw = HostileInputs.LzwEncode(data);

        Assert.Equal(data.Length, Extraction.PdfStreamBudget.LzwLength(lzw, earlyChange: 1, stopAfter: long.MaxValue));
        var decoded = new UglyToad.PdfPig.Filters.LzwFilter().Decode(lzw, new UglyToad.PdfPig.Tokens.DictionaryToken(
            new Dictionary<UglyToad.PdfPig.Tokens.NameToken, UglyToad.PdfPig.Tokens.IToken>()), UglyToad.PdfPig.Filters.DefaultFilterProvider.Instance, 0);
        Assert.Equal(data, decoded.ToArray());

        // Run-length: 3 literal bytes, then 'x' repeated 128 times, then end of data.
        Assert.Equal(3 + 128, Extraction.PdfStreamBudget.RunLength([2, (byte)'a', (byte)'b', (byte)'c', 129, (byte)'x', 128]));
    }

    [Fact]
    public async Task Reads_beyond_the_slot_count_wait_for_a_free_slot()
    {
        var slots = DocumentLimits.MaxConcurrentReads;
        using var gate = new ManualResetEventSlim(false);
        var inside = 0;
        var most = 0;
        void Hold(long step)
        {
            if (step != 1) return;
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            gate.Wait(TimeSpan.FromSeconds(30));
            Interlocked.Decrement(ref inside);
        }

        var document = Encoding.UTF8.GetBytes("Jane Doe\nMachine learning engineer\n");
        var reads = Enumerable.Range(0, slots + 3)
            .Select(_ => DocumentReader.ReadCoreAsync(document, "cv.txt", DocumentLimits.Default, new ReadProbe { OnStep = Hold }, TestContext.Current.CancellationToken))
            .ToList();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref inside) == 0 && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        await Task.Delay(500, TestContext.Current.CancellationToken); // room for a read that should have waited to start anyway
        var observed = Volatile.Read(ref most);
        gate.Set();
        var results = await Task.WhenAll(reads);

        Assert.InRange(observed, 1, slots);
        Assert.All(results, r => Assert.IsType<ReadDocument>(r));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    [Fact]
    public async Task ReadAsync_answers_like_Read_and_honours_the_callers_token()
    {
        var bytes = Encoding.UTF8.GetBytes("# Jane Doe\n**Machine learning** engineer\n");
        var read = Assert.IsType<ReadDocument>(await DocumentReader.ReadAsync(bytes, "cv.md", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(Assert.IsType<ReadDocument>(DocumentReader.Read(bytes, "cv.md")).Text, read.Text);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DocumentReader.ReadAsync(bytes, "cv.md", cancellationToken: cancelled.Token));
    }
}
