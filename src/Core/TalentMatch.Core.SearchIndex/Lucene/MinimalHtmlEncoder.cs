using System.Text;
using Lucene.Net.Search.Highlight;

namespace TalentMatch.Core.SearchIndex.Lucene;

/// <summary>
/// Encodes highlight fragments for HTML by escaping only the five characters that can change markup
/// (<c>&lt; &gt; &amp; " '</c>). Lucene.NET's <see cref="SimpleHTMLEncoder"/> also turns every character above
/// 127 into a numeric entity, which makes Chinese highlights unreadable as text (<c>&amp;#31934;</c> for 精) while
/// adding no safety: the fragments are UTF-8 JSON strings, and non-ASCII letters are inert in HTML.
/// Matches what Elasticsearch's <c>"encoder": "html"</c> produces for the same text, so both indexes agree.
/// </summary>
internal sealed class MinimalHtmlEncoder : IEncoder
{
    public string EncodeText(string originalText) => Encode(originalText);

    public static string Encode(string text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny("<>&\"'") < 0)
        {
            return text ?? "";
        }

        var result = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            _ = ch switch
            {
                '<' => result.Append("&lt;"),
                '>' => result.Append("&gt;"),
                '&' => result.Append("&amp;"),
                '"' => result.Append("&quot;"),
                '\'' => result.Append("&#x27;"),
                _ => result.Append(ch),
            };
        }

        return result.ToString();
    }
}
