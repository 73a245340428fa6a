using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace TalentMatch.Core.Documents.Extraction;

/// <summary>
/// Visible text of an HTML page or fragment, with block elements on their own lines and list items as
/// bullets. AngleSharp parses like a browser (broken markup included) and never fetches anything.
/// The tree is walked with an explicit stack, so no nesting depth can overflow the thread's stack; markup
/// nested deeper than <see cref="DocumentLimits.MaxNestingDepth"/> skips the HTML parser (its cost grows
/// with the square of the depth) and is read by a flat, linear tag stripper instead.
/// </summary>
internal static class HtmlTextExtractor
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
        "article", "header", "footer", "blockquote", "pre", "dd", "dt", "dl", "hr", "title",
    };

    private static readonly HashSet<string> Invisible = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "noscript", "template", "head" };

    public static string Extract(string html, ReadBudget budget)
    {
        if (HtmlNesting.MaxDepth(html, budget) > budget.Limits.MaxNestingDepth)
        {
            return HtmlNesting.StripTags(html, BlockElements, budget);
        }
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        // The asynchronous parse is the one that checks a token (between tokens); over a string it runs to completion here.
        using var document = parser.ParseDocumentAsync(html, budget.Token).GetAwaiter().GetResult();
        budget.Step();
        var builder = new StringBuilder(html.Length);
        if (document.Body is not null)
        {
            Walk(document.Body, builder, budget);
        }
        var title = document.Title;
        if (!string.IsNullOrWhiteSpace(title) && (document.Body is null || !AllText(document.Body, budget).Contains(title, StringComparison.Ordinal)))
        {
            builder.Insert(0, title + "\n");
        }
        return builder.ToString();
    }

    /// <summary>Depth-first, in document order, with the work a recursive walk would do after an element's children pushed as a closing entry.</summary>
    private static void Walk(INode root, StringBuilder builder, ReadBudget budget)
    {
        var stack = new Stack<(INode Node, bool Closing)>();
        PushChildren(root, stack);
        while (stack.Count > 0)
        {
            budget.Step();
            var (node, closing) = stack.Pop();
            if (closing)
            {
                // A list item ends where the next one starts; other blocks end their line.
                var name = ((IElement)node).LocalName;
                if (BlockElements.Contains(name) && !name.Equals("li", StringComparison.OrdinalIgnoreCase)) builder.Append('\n');
                continue;
            }
            switch (node)
            {
                case IText text:
                    builder.Append(text.Data); // hand-written posts (HN) use raw line breaks as structure, so they are kept
                    budget.CheckText(builder.Length, "at least ");
                    break;
                case IElement element when Invisible.Contains(element.LocalName):
                    break;
                case IElement element:
                    var isBlock = BlockElements.Contains(element.LocalName);
                    if (isBlock && builder.Length > 0 && builder[^1] != '\n') builder.Append('\n');
                    if (element.LocalName.Equals("li", StringComparison.OrdinalIgnoreCase)) builder.Append(TextNormalizer.Bullet);
                    if (element.LocalName is "td" or "th") builder.Append(" | ");
                    stack.Push((element, true));
                    PushChildren(element, stack);
                    break;
            }
        }
    }

    private static void PushChildren(INode node, Stack<(INode Node, bool Closing)> stack)
    {
        var children = node.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            stack.Push((children[i], false));
        }
    }

    /// <summary>What <c>TextContent</c> gives (every text node, scripts included), without its recursion.</summary>
    private static string AllText(INode root, ReadBudget budget)
    {
        var builder = new StringBuilder();
        var stack = new Stack<INode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            budget.Step();
            var node = stack.Pop();
            if (node is IText text)
            {
                builder.Append(text.Data);
                continue;
            }
            var children = node.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
        return builder.ToString();
    }
}

/// <summary>A linear look at HTML markup without building a tree: how deep tags nest, and the text between tags.</summary>
internal static class HtmlNesting
{
    /// <summary>Elements that never have content.</summary>
    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    /// <summary>Elements a browser closes by itself when a sibling starts, so an unclosed run of them does not nest.</summary>
    private static readonly HashSet<string> SelfClosing = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp",
    };

    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal) { "script", "style", "noscript", "template" };

    /// <summary>
    /// How deep the elements that stay open nest (void and self-closing elements aside): an estimate of the
    /// depth of the tree a browser would build, exact for well-formed markup.
    /// </summary>
    public static int MaxDepth(string html, ReadBudget budget)
    {
        int depth = 0, max = 0;
        foreach (var (name, closing, selfClosed) in Tags(html, budget))
        {
            if (Void.Contains(name) || SelfClosing.Contains(name) || selfClosed) continue;
            depth = closing ? Math.Max(0, depth - 1) : depth + 1;
            max = Math.Max(max, depth);
        }
        return max;
    }

    /// <summary>Text between the tags, block tags as line breaks, list items as bullets, entities decoded; scripts and styles dropped.</summary>
    public static string StripTags(string html, HashSet<string> blockElements, ReadBudget budget)
    {
        var builder = new StringBuilder(html.Length);
        var position = 0;
        string? hiding = null;
        foreach (var (name, closing, _, start, end) in TagSpans(html, budget))
        {
            if (hiding is not null)
            {
                if (closing && name == hiding)
                {
                    hiding = null;
                    position = end;
                }
                continue;
            }
            builder.Append(WebUtility.HtmlDecode(html[position..start]));
            budget.CheckText(builder.Length, "at least ");
            position = end;
            if (!closing && Hidden.Contains(name))
            {
                hiding = name;
                continue;
            }
            if (blockElements.Contains(name) && builder.Length > 0 && builder[^1] != '\n') builder.Append('\n');
            if (!closing && name == "li") builder.Append(TextNormalizer.Bullet);
        }
        if (hiding is null && position < html.Length)
        {
            builder.Append(WebUtility.HtmlDecode(html[position..]));
        }
        return builder.ToString();
    }

    private static IEnumerable<(string Name, bool Closing, bool SelfClosed)> Tags(string html, ReadBudget budget) =>
        TagSpans(html, budget).Select(t => (t.Name, t.Closing, t.SelfClosed));

    /// <summary>Each tag in order: its name, whether it closes or closes itself, and where it starts and ends. Comments and the content of raw-text elements are skipped.</summary>
    private static IEnumerable<(string Name, bool Closing, bool SelfClosed, int Start, int End)> TagSpans(string html, ReadBudget budget)
    {
        var i = 0;
        var count = 0;
        while (true)
        {
            var open = html.IndexOf('<', i);
            if (open < 0 || open + 1 >= html.Length) yield break;
            if ((++count & 1023) == 0) budget.Step();
            if (html.AsSpan(open).StartsWith("<!--", StringComparison.Ordinal))
            {
                var endComment = html.IndexOf("-->", open + 4, StringComparison.Ordinal);
                i = endComment < 0 ? html.Length : endComment + 3;
                continue;
            }
            var closing = html[open + 1] == '/';
            var nameStart = open + (closing ? 2 : 1);
            var nameEnd = nameStart;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd])) nameEnd++;
            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                i = open + 1; // "<" as text ("a < b")
                continue;
            }
            var close = html.IndexOf('>', nameEnd);
            var end = close < 0 ? html.Length : close + 1;
            var name = html[nameStart..nameEnd].ToLowerInvariant();
            var selfClosed = close > 0 && html[close - 1] == '/';
            yield return (name, closing, selfClosed, open, end);
            i = end;
            if (!closing && name is "script" or "style" or "xmp" or "textarea")
            {
                var endRaw = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = endRaw < 0 ? html.Length : endRaw;
            }
        }
    }
}
