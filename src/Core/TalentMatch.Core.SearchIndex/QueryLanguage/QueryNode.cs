using System.Text;

namespace TalentMatch.Core.SearchIndex.QueryLanguage;

/// <summary>Where a term of a boolean query is looked for.</summary>
public enum QueryField
{
    /// <summary>Title and text, as plain words are.</summary>
    Any,
    Title,

    /// <summary>A taxonomy id (names are resolved to ids before the query reaches an engine); matches its descendants.</summary>
    Skill,
    Employer,

    /// <summary>A normalised place, compared exactly, as the <c>location</c> filter is.</summary>
    Location,
}

/// <summary>
/// The syntax tree of a boolean query (<see cref="QueryParser"/>). Engines translate it to their own
/// query objects; it is never turned back into an engine's query syntax. <see cref="Position"/> is the
/// character offset in the query text where the node starts (for error messages).
/// </summary>
public abstract record QueryNode(int Position)
{
    /// <summary>A canonical text of the tree (operators spelled out, values quoted): the same tree gives the same
    /// text, so it can be hashed into a cursor.</summary>
    public string Canonical()
    {
        var b = new StringBuilder();
        Write(b);
        return b.ToString();
    }

    internal abstract void Write(StringBuilder b);

    /// <summary>Whether the node requires something to be present (rather than only excluding).</summary>
    public abstract bool IsPositive { get; }
}

/// <summary>A word or a phrase (<paramref name="Phrase"/>: quoted; a word that the analyser splits is matched as a phrase too).</summary>
public sealed record TermNode(QueryField Field, string Value, bool Phrase, int Position) : QueryNode(Position)
{
    public override bool IsPositive => true;

    internal override void Write(StringBuilder b) =>
        b.Append(Field.ToString().ToLowerInvariant()).Append(':').Append(Phrase ? "phrase" : "word").Append('(')
            .Append(Value.Length).Append(':').Append(Value).Append(')');
}

/// <summary>Every positive clause must match and no <see cref="NotNode"/> clause may.</summary>
public sealed record AndNode(IReadOnlyList<QueryNode> Clauses, int Position) : QueryNode(Position)
{
    public override bool IsPositive => Clauses.Any(c => c.IsPositive);

    internal override void Write(StringBuilder b) => WriteList(b, "and", Clauses);

    internal static void WriteList(StringBuilder b, string op, IReadOnlyList<QueryNode> clauses)
    {
        b.Append(op).Append('[');
        foreach (var clause in clauses)
        {
            clause.Write(b);
            b.Append(';');
        }

        b.Append(']');
    }
}

/// <summary>At least one clause must match (every clause is positive).</summary>
public sealed record OrNode(IReadOnlyList<QueryNode> Clauses, int Position) : QueryNode(Position)
{
    public override bool IsPositive => Clauses.All(c => c.IsPositive);

    internal override void Write(StringBuilder b) => AndNode.WriteList(b, "or", Clauses);
}

/// <summary>Excludes what its clause matches; only ever a clause of an <see cref="AndNode"/>.</summary>
public sealed record NotNode(QueryNode Clause, int Position) : QueryNode(Position)
{
    public override bool IsPositive => false;

    internal override void Write(StringBuilder b)
    {
        b.Append("not[");
        Clause.Write(b);
        b.Append(']');
    }
}

/// <summary>A query the grammar refuses: <see cref="Position"/> is the character offset (from 0) where it goes wrong.</summary>
public sealed class QuerySyntaxException(string message, int position) : ArgumentException(message, "q")
{
    public int Position { get; } = position;

    /// <summary>The message without the parameter name <see cref="ArgumentException"/> appends.</summary>
    public string Reason { get; } = message;
}

/// <summary>Helpers over a parsed tree.</summary>
public static class QueryNodes
{
    /// <summary>The same tree with every term replaced by <paramref name="map"/>'s result (for example skill names resolved to ids).</summary>
    public static QueryNode MapTerms(this QueryNode node, Func<TermNode, TermNode> map) => node switch
    {
        TermNode t => map(t),
        AndNode a => a with { Clauses = [.. a.Clauses.Select(c => c.MapTerms(map))] },
        OrNode o => o with { Clauses = [.. o.Clauses.Select(c => c.MapTerms(map))] },
        NotNode n => n with { Clause = n.Clause.MapTerms(map) },
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    /// <summary>The values of the terms that must or may match (not those under NOT), in query order: what
    /// a hybrid search embeds and what snippets look for.</summary>
    public static IEnumerable<TermNode> PositiveTerms(this QueryNode node) => node switch
    {
        TermNode t => [t],
        AndNode a => a.Clauses.SelectMany(PositiveTerms),
        OrNode o => o.Clauses.SelectMany(PositiveTerms),
        _ => [],
    };

    /// <summary>
    /// Whether the tree says no more than a list of plain words does (words in title or text, any of them,
    /// ranked by BM25): then the engines search it exactly as they search plain words, so a query without
    /// operators, quotes or fields behaves as it always did.
    /// </summary>
    public static bool IsPlainWords(this QueryNode node) => node switch
    {
        TermNode { Field: QueryField.Any, Phrase: false } => true,
        OrNode o => o.Clauses.All(c => c is TermNode { Field: QueryField.Any, Phrase: false }),
        _ => false,
    };
}
