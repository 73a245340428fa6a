using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace TalentMatch.Core.Documents.Extraction;

/// <summary>
/// Visible text of an HTML page or fragment, with block elements on their own lines and list items as
/// bullets. AngleSharp parses like a browser (broken markup included) and never fetches anything.
/// </summary>
internal static class HtmlTextExtractor
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
        "article", "header", "footer", "blockquote", "pre", "dd", "dt", "dl", "hr", "title",
    };

    private static readonly HashSet<string> Invisible = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "noscript", "template", "head" };

    public static string Extract(string html, CancellationToken cancellation)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        var document = parser.ParseDocument(html);
        var builder = new StringBuilder(html.Length);
        var title = document.Title;
        if (!string.IsNullOrWhiteSpace(title) && document.Body?.TextContent.Contains(title, StringComparison.Ordinal) != true)
        {
            builder.Append(title).Append('\n');
        }
        if (document.Body is not null)
        {
            Walk(document.Body, builder, cancellation);
        }
        return builder.ToString();
    }

    private static void Walk(INode node, StringBuilder builder, CancellationToken cancellation)
    {
        foreach (var child in node.ChildNodes)
        {
            cancellation.ThrowIfCancellationRequested();
            switch (child)
            {
                case IText text:
                    builder.Append(text.Data); // hand-written posts (HN) use raw line breaks as structure, so they are kept
                    break;
                case IElement element when Invisible.Contains(element.LocalName):
                    break;
                case IElement element:
                    var isBlock = BlockElements.Contains(element.LocalName);
                    var isListItem = element.LocalName.Equals("li", StringComparison.OrdinalIgnoreCase);
                    if (isBlock && builder.Length > 0 && builder[^1] != '\n') builder.Append('\n');
                    if (isListItem) builder.Append(TextNormalizer.Bullet);
                    if (element.LocalName is "td" or "th") builder.Append(" | ");
                    Walk(element, builder, cancellation);
                    // A list item ends where the next one starts; other blocks end their line.
                    if (isBlock && !isListItem) builder.Append('\n');
                    break;
            }
        }
    }
}
