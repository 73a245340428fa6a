namespace TalentMatch.Core.Documents;

/// <summary>
/// What one document may cost. The defaults fit resumes and job ads (a long CV is 5 pages and 200 KiB)
/// with a wide margin, while keeping a hostile upload from holding a worker for long. Every cap is
/// checked while the document is read (as bytes inflate, as text grows, as elements are met), never
/// only after the whole thing is in memory; see docs/adr/0007-bounded-document-reading.md.
/// </summary>
public sealed record DocumentLimits
{
    /// <summary>
    /// 10 MiB: the API's upload limit, so nothing accepted there is refused here for size. The largest
    /// real CV in the shared corpora is under 1 MiB; a 10 MiB PDF is a scan or a brochure.
    /// </summary>
    public const long DefaultMaxBytes = 10L * 1024 * 1024;

    /// <summary>50 pages: a long academic CV has 10 to 20; past 50 it is a thesis or a catalogue, not a resume.</summary>
    public const int DefaultMaxPages = 50;

    /// <summary>
    /// 30 s of wall time per document: the slowest real document in the corpora reads in well under a second
    /// on one core, but wall time measures the machine as much as the document: on the 2-core build machine
    /// under a full parallel test run (load ~30) a 22 KB PDF took 15 s of wall time for under 1 s of CPU.
    /// The byte, page, text and nesting caps bound the work itself; this bounds how long a slot is held.
    /// </summary>
    public const int DefaultTimeoutSeconds = 30;

    /// <summary>
    /// 10 s of processor time per read and per parse, counted on the working thread: unlike wall time it does
    /// not grow with the machine's load, so it bounds the work one document can take from the others even on
    /// a busy host. The slowest real document takes well under a second; a third of the wall budget leaves
    /// a Debug build on a slow core room for the largest accepted text.
    /// </summary>
    public const int DefaultMaxProcessorTimeSeconds = 10;

    /// <summary>
    /// 50 MiB of inflated bytes: summed over a DOCX's entries, or over a PDF's decoded streams. The largest
    /// DOCX in the corpora expands to 0.8 MiB and the largest PDF decodes to 0.35 MiB; 50 MiB still fits a
    /// document that embeds a full CJK font (10 to 20 MiB), and bounds the memory a bomb can take.
    /// </summary>
    public const long DefaultMaxUncompressedBytes = 50L * 1024 * 1024;

    /// <summary>1,000 archive entries: a Word CV has about 20 (parts, relationships, media).</summary>
    public const int DefaultMaxArchiveEntries = 1000;

    /// <summary>200:1: XML compresses about 10:1 and text streams 5:1; bombs reach 1,000:1 (the DEFLATE maximum).</summary>
    public const int DefaultMaxCompressionRatio = 200;

    /// <summary>
    /// 4,000,000 characters of extracted text: about 2,000 pages of prose, twenty times the longest real CV
    /// (200 KiB). The largest text the reader is expected to take whole, a CSV of 962 resumes in the shared
    /// corpora, has 3.06 M. Every later stage (normalising, skills, parsing, embedding) is at least linear
    /// in it, so this one number bounds them all; a 10 MiB upload of plain text (10 M characters) is refused.
    /// </summary>
    public const int DefaultMaxTextCharacters = 4_000_000;

    /// <summary>
    /// 50:1: text longer than <see cref="RepetitionCheckMinCharacters"/> that DEFLATE shrinks more than this is one
    /// pattern repeated, and is refused (<see cref="TextRepetition"/>). Real documents compress 3 to 10 times:
    /// resumes about 4:1, the whole 962-resume CSV 5.2:1, the most repetitive file in the shared corpora (an
    /// annotation CSV) 9.4:1; <c>*a</c> or <c>a</c> repeated compresses over 100:1.
    /// </summary>
    public const int DefaultMaxTextCompressionRatio = 50;

    /// <summary>
    /// 64 Ki characters: the shortest text judged for repetition. A long resume has 10 to 30 Ki; shorter text costs
    /// every stage little whatever it holds, and small samples compress less predictably.
    /// </summary>
    public const int RepetitionCheckMinCharacters = 64 * 1024;

    /// <summary>
    /// 20,000 DOCX paragraphs (<c>w:p</c>), counted while the XML streams past, before OpenXml builds its
    /// object tree: a page holds 30 to 50, so a 50-page document has about 2,500; the corpora's largest has 53.
    /// </summary>
    public const int DefaultMaxParagraphs = 20_000;

    /// <summary>
    /// 250,000 XML elements over a DOCX's parts: OpenXml keeps a few hundred bytes an element in memory, so
    /// this bounds its object tree near 100 MiB. The corpora's largest part has 9,000; a heavily
    /// formatted 50-page document about 100,000.
    /// </summary>
    public const int DefaultMaxXmlElements = 250_000;

    /// <summary>
    /// 256 levels of element nesting (HTML tags that stay open, DOCX XML, Markdown lists and quotes): real pages
    /// nest 10 to 40 deep and browsers stop nesting at 512. Deeper HTML is read by a flat tag stripper instead of
    /// the HTML parser, whose cost grows with the square of the depth (sloppy markup leaves tags open, so the
    /// depth is an estimate there); deeper DOCX XML and Markdown, where the depth is exact, are rejected.
    /// </summary>
    public const int DefaultMaxNestingDepth = 256;

    /// <summary>
    /// 1 MiB of decoded streams per PDF page (content, forms, fonts: everything PdfPig decodes while it reads
    /// the page). PdfPig turns each shown glyph into an object of about 500 bytes and cannot be interrupted
    /// inside a page, so this is what bounds one page's time and memory: 1 MiB of the densest text operators
    /// is 150,000 glyphs, about 2 s and 130 MiB. The corpora's heaviest page decodes to 170 KiB, fonts
    /// included; a page that loads whole (unsubset) fonts past 1 MiB is refused.
    /// </summary>
    public const long DefaultMaxPageContentBytes = 1024 * 1024;

    /// <summary>
    /// 20,000 glyphs: past this a PDF page keeps its content-stream order instead of the layout analysis
    /// (word grouping, Docstrum blocks, reading order), whose cost grows faster than the glyph count. A dense
    /// page holds 5,000; the corpora's densest 4,500.
    /// </summary>
    public const int LayoutAnalysisMaxLetters = 20_000;

    /// <summary>
    /// 2 s for one regular-expression operation over untrusted text (a match, or a whole replace). Every pattern
    /// is linear (a test feeds each one adversarial input), so this is a backstop for a pathological case the
    /// audit missed, turned into a <see cref="RejectionReason.TimedOut"/> rejection instead of a stuck worker.
    /// It must not cut short honest work: one pass of the slowest linear pattern over the largest accepted text
    /// (4 M characters) takes about 0.7 s on a slow, loaded CI core in a Debug build; a résumé-sized text, milliseconds.
    /// </summary>
    public const int RegexTimeoutMilliseconds = 2000;

    /// <summary>Default limits: the <c>Default…</c> constants above.</summary>
    public static DocumentLimits Default { get; } = new();

    /// <summary>
    /// Most documents read at once in this process (every <see cref="DocumentReader"/> call shares the
    /// slots): one per core, so uploads cannot take more cores than the machine has, whatever the bus's
    /// consumer concurrency. A read whose caller stopped waiting keeps its slot until its work has ended.
    /// </summary>
    public static int MaxConcurrentReads { get; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Largest accepted input, in bytes (default <see cref="DefaultMaxBytes"/>).</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>Most PDF pages read (default <see cref="DefaultMaxPages"/>).</summary>
    public int MaxPages { get; init; } = DefaultMaxPages;

    /// <summary>Wall-clock budget for reading one document (default <see cref="DefaultTimeoutSeconds"/> s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(DefaultTimeoutSeconds);

    /// <summary>
    /// Processor-time budget for one read or parse (default <see cref="DefaultMaxProcessorTimeSeconds"/> s),
    /// checked at every budget step; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.
    /// </summary>
    public TimeSpan MaxProcessorTime { get; init; } = TimeSpan.FromSeconds(DefaultMaxProcessorTimeSeconds);

    /// <summary>Most bytes a DOCX may expand to, summed over its entries, or a PDF's streams may decode to (default <see cref="DefaultMaxUncompressedBytes"/>).</summary>
    public long MaxUncompressedBytes { get; init; } = DefaultMaxUncompressedBytes;

    /// <summary>Most entries a DOCX archive may hold (default <see cref="DefaultMaxArchiveEntries"/>).</summary>
    public int MaxArchiveEntries { get; init; } = DefaultMaxArchiveEntries;

    /// <summary>Largest expansion ratio of one compressed entry or stream (default <see cref="DefaultMaxCompressionRatio"/>).</summary>
    public int MaxCompressionRatio { get; init; } = DefaultMaxCompressionRatio;

    /// <summary>Most characters of extracted text (default <see cref="DefaultMaxTextCharacters"/>); more is <see cref="RejectionReason.TooLarge"/>.</summary>
    public int MaxTextCharacters { get; init; } = DefaultMaxTextCharacters;

    /// <summary>Largest DEFLATE ratio of a long text (default <see cref="DefaultMaxTextCompressionRatio"/>); more is <see cref="RejectionReason.RepetitiveText"/>.</summary>
    public int MaxTextCompressionRatio { get; init; } = DefaultMaxTextCompressionRatio;

    /// <summary>Most DOCX paragraphs (default <see cref="DefaultMaxParagraphs"/>); more is <see cref="RejectionReason.TooLarge"/>.</summary>
    public int MaxParagraphs { get; init; } = DefaultMaxParagraphs;

    /// <summary>Most XML elements over a DOCX's parts (default <see cref="DefaultMaxXmlElements"/>); more is <see cref="RejectionReason.TooLarge"/>.</summary>
    public int MaxXmlElements { get; init; } = DefaultMaxXmlElements;

    /// <summary>
    /// Deepest element nesting read structurally (default <see cref="DefaultMaxNestingDepth"/>): deeper HTML is read
    /// flat, deeper DOCX XML and Markdown lists or quotes are <see cref="RejectionReason.TooDeeplyNested"/>.
    /// </summary>
    public int MaxNestingDepth { get; init; } = DefaultMaxNestingDepth;

    /// <summary>Most decoded content-stream bytes on one PDF page (default <see cref="DefaultMaxPageContentBytes"/>).</summary>
    public long MaxPageContentBytes { get; init; } = DefaultMaxPageContentBytes;
}
