using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using TalentMatch.Core.Documents.Extraction;

namespace TalentMatch.Core.Documents.Tests;

/// <summary>
/// Every regular expression the library runs over untrusted text has a match timeout and is linear: fed
/// 200,000 characters of each adversarial shape, none runs anywhere near its timeout. A pattern that
/// backtracks in the square of its input needs minutes on that (tens of billions of steps), a linear one
/// milliseconds, so a limit of ten seconds tells them apart on any machine.
/// </summary>
public class RegexAuditTests
{
    private static List<(string Name, Regex Regex)> AllPatterns() => typeof(DocumentReader).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
        .Where(m => m.ReturnType == typeof(Regex) && m.GetParameters().Length == 0)
        .Select(m => ($"{m.DeclaringType!.Name}.{m.Name}", (Regex)m.Invoke(null, null)!))
        .ToList();

    [Fact]
    public void Every_pattern_has_a_match_timeout()
    {
        var patterns = AllPatterns();

        Assert.True(patterns.Count >= 90, $"only {patterns.Count} patterns found: the audit must see them all");
        Assert.All(patterns, p => Assert.True(p.Regex.MatchTimeout == TimeSpan.FromMilliseconds(DocumentLimits.RegexTimeoutMilliseconds),
            $"{p.Name} has a match timeout of {p.Regex.MatchTimeout}"));
    }

    /// <summary>Shapes that make backtracking patterns rescan: runs of one class, and short tokens repeated that almost match.</summary>
    private static readonly string[] Shapes =
    [
        " ", "\u3000", "\t", "\n", "a", "A", "1", "a ", "1 ", "1,", "1.", "1 1", "a.", "a@", "[a", "![", "*a", "_a", "`a", "(", "<p", "a-",
        "19", "2019 ", "Jan 2019 ", "1 years ", "1年", "1 000 ", "hiring a ", "as a ", "a|", "www.a", "](", "- ", "• ", "**", "a  ",
    ];

    [Fact(Timeout = 900_000)]
    public async Task No_pattern_is_superlinear_on_adversarial_input()
    {
        var failures = await Task.Run(() =>
        {
            var found = new List<string>();
            foreach (var (name, regex) in AllPatterns())
            {
                var options = regex.Options | ((regex.Options & RegexOptions.NonBacktracking) == 0 ? RegexOptions.Compiled : RegexOptions.None);
                var probe = new Regex(regex.ToString(), options, TimeSpan.FromSeconds(10));
                foreach (var shape in Shapes)
                {
                    TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
                    var input = new StringBuilder(200_000 + shape.Length);
                    while (input.Length < 200_000) input.Append(shape);
                    try
                    {
                        probe.Replace(input.ToString(), "");
                    }
                    catch (RegexMatchTimeoutException)
                    {
                        found.Add($"{name} on '{shape}' x {200_000 / shape.Length:N0}");
                    }
                }
            }
            return found;
        }, TestContext.Current.CancellationToken);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The pattern the hand-written emphasis scanner replaces: quadratic, kept here as its specification.</summary>
    private static readonly Regex OldEmphasis = new(@"(\*\*|\*|(?<!\w)__|(?<!\w)_)(\S(?:[^\n]*?\S)?)\1(?!\w)", RegexOptions.None, TimeSpan.FromSeconds(10));

    [Fact]
    public void The_emphasis_scanner_gives_what_the_old_pattern_gave()
    {
        // Word characters of every kind \w knows (letters, marks, digits, connector punctuation), and ones it does not.
        const string alphabet = "**__ab1 \t\n\u00A0\u2028-é\u0301\u0903\u200D\u203F.x*_";
        var random = new Random(15);
        var budget = ReadBudget.For(TestContext.Current.CancellationToken);
        for (var i = 0; i < 30_000; i++)
        {
            var chars = new char[random.Next(0, 24)];
            for (var k = 0; k < chars.Length; k++) chars[k] = alphabet[random.Next(alphabet.Length)];
            var text = new string(chars);

            var expected = OldEmphasis.Replace(text, "$2");
            var actual = MarkdownTextExtractor.RemoveEmphasis(text, budget);

            Assert.True(expected == actual, $"'{Escape(text)}': pattern gave '{Escape(expected)}', scanner '{Escape(actual)}'");
        }
    }

    [Theory]
    [InlineData("**Jane** and *ML* with __init__ in torch_geometric and _x_", "Jane and ML with init in torch_geometric and x")]
    [InlineData("*a* *b*", "a* *b")] // the shortest content of two or more characters wins over a one-character one
    [InlineData("a*b*c", "a*b*c")]
    [InlineData("a *b*c* d", "a b*c d")]
    [InlineData("**bold*", "*bold")]
    public void Emphasis_cases_read_as_before(string markdown, string expected)
    {
        Assert.Equal(expected, MarkdownTextExtractor.RemoveEmphasis(markdown, ReadBudget.For(TestContext.Current.CancellationToken)));
        Assert.Equal(expected, OldEmphasis.Replace(markdown, "$2"));
    }

    private static string Escape(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
}
