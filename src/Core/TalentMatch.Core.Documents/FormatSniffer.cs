using System.Text.RegularExpressions;

namespace TalentMatch.Core.Documents;

/// <summary>What the first bytes of a document say it is.</summary>
internal enum ContainerKind
{
    Text,
    Pdf,
    Zip,
    OleCompoundFile,
    Unsupported,
}

/// <summary>Tells the type of a document from its content: magic bytes for binaries, markup for text.</summary>
internal static partial class FormatSniffer
{
    public static (ContainerKind Kind, string? Name) SniffContainer(ReadOnlySpan<byte> bytes)
    {
        // PDF readers accept "%PDF-" anywhere in the first KiB (some generators prepend junk); so do we.
        var head = bytes[..Math.Min(bytes.Length, 1024)];
        if (head.IndexOf("%PDF-"u8) >= 0) return (ContainerKind.Pdf, "PDF");
        if (bytes.StartsWith("PK\x03\x04"u8) || bytes.StartsWith("PK\x05\x06"u8)) return (ContainerKind.Zip, "ZIP");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return (ContainerKind.OleCompoundFile, "OLE compound file");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47])) return (ContainerKind.Unsupported, "PNG image");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return (ContainerKind.Unsupported, "JPEG image");
        if (bytes.StartsWith("GIF8"u8)) return (ContainerKind.Unsupported, "GIF image");
        if (bytes.StartsWith("II*\0"u8) || bytes.StartsWith("MM\0*"u8)) return (ContainerKind.Unsupported, "TIFF image");
        if (bytes.StartsWith("{\\rtf"u8)) return (ContainerKind.Unsupported, "RTF document");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return (ContainerKind.Unsupported, "gzip archive");
        if (bytes.StartsWith("Rar!"u8)) return (ContainerKind.Unsupported, "RAR archive");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C])) return (ContainerKind.Unsupported, "7-Zip archive");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46])) return (ContainerKind.Unsupported, "executable");
        return (ContainerKind.Text, null);
    }

    /// <summary>HTML when the text opens like a page or carries several block tags (HN comments are HTML fragments).</summary>
    public static bool LooksLikeHtml(string text)
    {
        var head = text.Length > 4096 ? text[..4096] : text;
        var trimmed = head.TrimStart();
        if (trimmed.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return HtmlTag().Count(head) >= 2;
    }

    /// <summary>Markdown when at least two lines use its syntax and one of them is a heading or a link.</summary>
    public static bool LooksLikeMarkdown(string text)
    {
        var head = text.Length > 8192 ? text[..8192] : text;
        var headings = MarkdownHeading().Count(head);
        var strong = MarkdownEmphasisOrLink().Count(head);
        return headings >= 1 && headings + strong >= 2;
    }

    [GeneratedRegex(@"<(p|div|br|a|ul|ol|li|span|h[1-6]|table|tr|td|body|head|b|i|strong|em)(\s[^<>]*)?/?>", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"^#{1,6} \S", RegexOptions.Multiline, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex MarkdownHeading();

    // Non-backtracking: an unclosed "[" or "**" made the backtracking engine rescan the rest of its line once per opener.
    [GeneratedRegex(@"\*\*[^*\n]+\*\*|\[[^\]\n]+\]\([^)\s]+\)|^[-*] \S|^\d+\. \S", RegexOptions.Multiline | RegexOptions.NonBacktracking, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex MarkdownEmphasisOrLink();
}
