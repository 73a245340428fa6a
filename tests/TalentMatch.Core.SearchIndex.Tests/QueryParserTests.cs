using TalentMatch.Core.SearchIndex.QueryLanguage;

namespace TalentMatch.Core.SearchIndex.Tests;

/// <summary>The query language's grammar and bounds, on text alone (no engine): what each query means, and
/// where each bad one is refused.</summary>
public sealed class QueryParserTests
{
    private static string Tree(string query) => QueryParser.Parse(query).Canonical();

    [Theory]
    [InlineData("pytorch", "any:word(7:pytorch)")]
    [InlineData("pytorch jax", "or[any:word(7:pytorch);any:word(3:jax);]")]
    [InlineData("pytorch OR jax", "or[any:word(7:pytorch);any:word(3:jax);]")]
    [InlineData("a AND b OR c", "or[and[any:word(1:a);any:word(1:b);];any:word(1:c);]")]
    [InlineData("a AND (b OR c)", "and[any:word(1:a);or[any:word(1:b);any:word(1:c);];]")]
    [InlineData("a AND b AND (c AND d)", "and[any:word(1:a);any:word(1:b);any:word(1:c);any:word(1:d);]")]
    [InlineData("pytorch -intern", "and[any:word(7:pytorch);not[any:word(6:intern)];]")]
    [InlineData("pytorch NOT intern", "and[any:word(7:pytorch);not[any:word(6:intern)];]")]
    [InlineData("pytorch AND NOT intern", "and[any:word(7:pytorch);not[any:word(6:intern)];]")]
    [InlineData("a b -c -d", "and[or[any:word(1:a);any:word(1:b);];not[any:word(1:c)];not[any:word(1:d)];]")]
    [InlineData("NOT NOT pytorch", "any:word(7:pytorch)")]
    [InlineData("\"distributed training\"", "any:phrase(20:distributed training)")]
    [InlineData("“分布式 训练”", "any:phrase(6:分布式 训练)")]
    [InlineData("title:engineer", "title:word(8:engineer)")]
    [InlineData("employer:\"acme ai\"", "employer:phrase(7:acme ai)")]
    [InlineData("skill:(pytorch OR jax)", "or[skill:word(7:pytorch);skill:word(3:jax);]")]
    [InlineData("location:北京", "location:word(2:北京)")]
    [InlineData("技能：pytorch 与 公司:字节跳动", "and[skill:word(7:pytorch);employer:word(4:字节跳动);]")]
    [InlineData("分布式训练 或 （大模型 非 实习）", "or[any:word(5:分布式训练);and[any:word(3:大模型);not[any:word(2:实习)];];]")]
    [InlineData("自然语言处理与深度学习", "any:word(11:自然语言处理与深度学习)")]
    [InlineData("pytorch and jax or not", "or[any:word(7:pytorch);any:word(3:and);any:word(3:jax);any:word(2:or);any:word(3:not);]")]
    [InlineData("Skills: C++ node.js", "or[any:word(7:Skills:);any:word(3:C++);any:word(7:node.js);]")]
    [InlineData("note:urgent", "any:word(11:note:urgent)")]
    [InlineData("pytorch -", "or[any:word(7:pytorch);any:word(1:-);]")]
    [InlineData("pytorch AND (NOT a AND NOT b)", "and[any:word(7:pytorch);not[any:word(1:a)];not[any:word(1:b)];]")]
    [InlineData("pytorch AND NOT (NOT a)", "and[any:word(7:pytorch);any:word(1:a);]")]
    public void A_query_means_what_its_operators_say(string query, string tree) => Assert.Equal(tree, Tree(query));

    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("   ", 0, "empty")]
    [InlineData("pytorch AND", 11, "'AND' must be followed by a term")]
    [InlineData("OR pytorch", 0, "A term must come before 'OR'")]
    [InlineData("(pytorch", 0, "'(' has no matching ')'")]
    [InlineData("pytorch)", 7, "')' has no matching '('")]
    [InlineData("a AND ()", 6, "parentheses are empty")]
    [InlineData("\"distributed training", 0, "quote is not closed")]
    [InlineData("pytorch \"\"", 8, "quotes are empty")]
    [InlineData("title: engineer", 0, "must be followed by a value")]
    [InlineData("title:", 0, "must be followed by a value")]
    [InlineData("skill:(title:x)", 7, "already has a field")]
    [InlineData("NOT intern", 0, "NOT needs something to exclude")]
    [InlineData("-intern -junior", 0, "only excludes")]
    [InlineData("pytorch OR -intern", 11, "A side of OR only excludes")]
    [InlineData("pytorch OR (NOT a AND NOT b)", 12, "A side of OR only excludes")]
    [InlineData("pytorch NOT (NOT a AND NOT b)", 8, "not by another exclusion")]
    [InlineData("pytorch NOT", 11, "'NOT' must be followed by a term")]
    public void A_bad_query_is_refused_where_it_goes_wrong(string query, int position, string reason)
    {
        var error = Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(query));
        Assert.Equal(position, error.Position);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_queries_are_refused_by_a_bound_not_by_the_stack()
    {
        var deep = new string('(', 10_000) + "a" + new string(')', 10_000);
        Assert.Contains("longer than", Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(deep)).Reason, StringComparison.Ordinal);

        var unbounded = new QueryLimits(MaxLength: int.MaxValue);
        var nesting = Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(deep, unbounded));
        Assert.Equal(8, nesting.Position);
        Assert.Contains("deeper than 8", nesting.Reason, StringComparison.Ordinal);
        Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(string.Concat(Enumerable.Repeat("NOT ", 10_000)) + "a", unbounded));
        Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(new string('-', 10_000) + "a", unbounded));

        var ors = string.Join(" OR ", Enumerable.Range(0, 10_000).Select(i => $"w{i}"));
        var terms = Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(ors, unbounded));
        Assert.Equal(ors.IndexOf(" w64 ", StringComparison.Ordinal) + 1, terms.Position);
        Assert.Contains("more than 64 terms", terms.Reason, StringComparison.Ordinal);

        Assert.Equal(64, QueryParser.Parse(string.Join(" OR ", Enumerable.Range(0, 64).Select(i => $"w{i}"))).PositiveTerms().Count());
        Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(new string('"', 999)));
    }

    [Fact]
    public void Plain_words_are_told_apart_from_a_boolean_query()
    {
        Assert.True(QueryParser.Parse("pytorch jax").IsPlainWords());
        Assert.True(QueryParser.Parse("pytorch OR jax").IsPlainWords());
        Assert.False(QueryParser.Parse("pytorch AND jax").IsPlainWords());
        Assert.False(QueryParser.Parse("\"pytorch\"").IsPlainWords());
        Assert.False(QueryParser.Parse("pytorch -jax").IsPlainWords());
        Assert.False(QueryParser.Parse("title:pytorch").IsPlainWords());
    }

    [Fact]
    public void Positive_terms_leave_out_what_is_excluded_and_terms_can_be_rewritten()
    {
        var tree = QueryParser.Parse("(pytorch OR jax) AND \"distributed training\" NOT intern skill:PyTorch");
        Assert.Equal(["pytorch", "jax", "distributed training", "PyTorch"], tree.PositiveTerms().Select(t => t.Value));

        var resolved = tree.MapTerms(t => t.Field == QueryField.Skill ? t with { Value = "pytorch" } : t);
        Assert.Contains("skill:word(7:pytorch)", resolved.Canonical(), StringComparison.Ordinal);
    }
}
