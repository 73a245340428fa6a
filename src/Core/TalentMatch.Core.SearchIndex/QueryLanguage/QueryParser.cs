namespace TalentMatch.Core.SearchIndex.QueryLanguage;

/// <summary>Bounds of a boolean query; each one refused with a <see cref="QuerySyntaxException"/> that says where.</summary>
public sealed record QueryLimits(int MaxLength = 1000, int MaxTerms = 64, int MaxDepth = 8)
{
    public static readonly QueryLimits Default = new();
}

/// <summary>
/// Parses the recruiter query language (docs/api.md, ADR 0014) into a <see cref="QueryNode"/> tree. Pure:
/// no engine syntax is produced or accepted. Grammar, loosest binding first:
/// <code>
/// query   := or
/// or      := and (("OR" | "或") and)*
/// and     := words (("AND" | "与") words)*
/// words   := unary+                        any of the positive ones; none of the negated ones
/// unary   := ("NOT" | "非" | "-") unary | primary
/// primary := "(" or ")" | field value | value
/// field   := title: | skill: | employer: | location:   (also 职位: 技能: 公司: 地点:, and "：")
/// value   := word | "phrase" | "(" or ")"            (a group takes the field: skill:(pytorch OR jax))
/// </code>
/// Operators are upper case (lower-case "and", "or", "not" are words) and stand alone between spaces,
/// so 与/或/非 inside a Chinese word stay characters of it. Another name before a colon ("note:", "https:")
/// is part of a word, as it always was. Words side by side behave as plain words always
/// did (any of them, more matching words ranking higher); AND is spelled out. A query must ask for
/// something: NOT alone, OR with a NOT side, or a group of NOTs would match (nearly) everything.
/// </summary>
public static class QueryParser
{
    // Lower case only, as operators are upper case only: "Skills: PyTorch" pasted from a resume stays words.
    private static readonly Dictionary<string, QueryField> Fields = new(StringComparer.Ordinal)
    {
        ["title"] = QueryField.Title,
        ["职位"] = QueryField.Title,
        ["skill"] = QueryField.Skill,
        ["技能"] = QueryField.Skill,
        ["employer"] = QueryField.Employer,
        ["公司"] = QueryField.Employer,
        ["location"] = QueryField.Location,
        ["地点"] = QueryField.Location,
    };

    /// <exception cref="QuerySyntaxException">The query breaks the grammar or a bound.</exception>
    public static QueryNode Parse(string text, QueryLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        limits ??= QueryLimits.Default;
        if (text.Length > limits.MaxLength)
        {
            throw new QuerySyntaxException($"The query is longer than {limits.MaxLength} characters.", limits.MaxLength);
        }

        var tokens = Lexer.Tokenise(text);
        var parser = new Parser(tokens, text.Length, limits);
        var tree = parser.ParseQuery();
        Validate(tree, root: true);
        return tree;
    }

    internal static bool TryField(string name, out QueryField field) => Fields.TryGetValue(name, out field);

    /// <summary>Refuses trees that only exclude (see the class remarks); engines then never meet a bare NOT.</summary>
    private static void Validate(QueryNode node, bool root)
    {
        switch (node)
        {
            case NotNode n when root:
                throw new QuerySyntaxException("NOT needs something to exclude from: add a term the results must have (pytorch NOT intern).", n.Position);
            case NotNode n:
                if (!n.Clause.IsPositive)
                {
                    throw new QuerySyntaxException("NOT must be followed by something to exclude, not by another exclusion.", n.Position);
                }

                Validate(n.Clause, root: false);
                break;
            case AndNode a:
                if (!a.IsPositive)
                {
                    throw new QuerySyntaxException("This group only excludes: add a term the results must have.", a.Position);
                }

                foreach (var clause in a.Clauses)
                {
                    Validate(clause, root: false);
                }

                break;
            case OrNode o:
                if (o.Clauses.FirstOrDefault(c => !c.IsPositive) is { } negative)
                {
                    throw new QuerySyntaxException("A side of OR only excludes, so the OR would match nearly everything; use AND NOT.", negative.Position);
                }

                foreach (var clause in o.Clauses)
                {
                    Validate(clause, root: false);
                }

                break;
        }
    }

    private sealed class Parser(List<Token> tokens, int end, QueryLimits limits)
    {
        private int _next;
        private int _depth;
        private int _terms;

        private Token? Peek => _next < tokens.Count ? tokens[_next] : null;

        public QueryNode ParseQuery()
        {
            if (tokens.Count == 0)
            {
                throw new QuerySyntaxException("The query is empty.", 0);
            }

            var node = ParseOr(QueryField.Any, scoped: false);
            if (Peek is { } extra)
            {
                throw extra.Kind == TokenKind.Close
                    ? new QuerySyntaxException("')' has no matching '('.", extra.Position)
                    : new QuerySyntaxException($"Unexpected '{extra.Text}'.", extra.Position);
            }

            return node;
        }

        private QueryNode ParseOr(QueryField field, bool scoped)
        {
            var start = Peek?.Position ?? end;
            var clauses = new List<QueryNode> { ParseAnd(field, scoped) };
            while (Peek is { Kind: TokenKind.Or } op)
            {
                _next++;
                clauses.Add(ParseAnd(field, scoped, op));
            }

            return Combine(clauses, start, c => new OrNode(c, start), n => n is OrNode o ? o.Clauses : null);
        }

        private QueryNode ParseAnd(QueryField field, bool scoped, Token? after = null)
        {
            var start = Peek?.Position ?? end;
            var clauses = new List<QueryNode> { ParseWords(field, scoped, after) };
            while (Peek is { Kind: TokenKind.And } op)
            {
                _next++;
                clauses.Add(ParseWords(field, scoped, op));
            }

            return Combine(clauses, start, c => new AndNode(c, start), n => n is AndNode a ? a.Clauses : null);
        }

        /// <summary>Terms side by side: any of the positive ones, none of the negated ones.</summary>
        private QueryNode ParseWords(QueryField field, bool scoped, Token? after)
        {
            var start = Peek?.Position ?? end;
            var items = new List<QueryNode>();
            while (Peek is { Kind: not (TokenKind.Or or TokenKind.And or TokenKind.Close) })
            {
                items.Add(ParseUnary(field, scoped));
            }

            if (items.Count == 0)
            {
                var where = Peek?.Position ?? end;
                throw new QuerySyntaxException(
                    after is not null ? $"'{after.Text}' must be followed by a term." : Peek is { } t ? $"A term must come before '{t.Text}'." : "A term is missing.",
                    where);
            }

            var positives = items.Where(i => i is not NotNode).ToList();
            var negatives = items.Where(i => i is NotNode).ToList();
            if (negatives.Count == 0)
            {
                return Combine(positives, start, c => new OrNode(c, start), n => n is OrNode o ? o.Clauses : null);
            }

            if (positives.Count == 0)
            {
                return negatives.Count == 1 ? negatives[0] : new AndNode(negatives, start);
            }

            var any = positives.Count == 1 ? positives[0] : new OrNode(positives, start);
            return new AndNode([any, .. negatives], start);
        }

        private QueryNode ParseUnary(QueryField field, bool scoped)
        {
            var token = Peek!;
            if (token.Kind is TokenKind.Not or TokenKind.Minus)
            {
                _next++;
                Enter(token);
                if (Peek is null or { Kind: TokenKind.Or or TokenKind.And or TokenKind.Close })
                {
                    throw new QuerySyntaxException($"'{token.Text}' must be followed by a term.", Peek?.Position ?? end);
                }

                var clause = ParseUnary(field, scoped);
                _depth--;
                // NOT NOT x is x: an engine never meets a NOT whose clause only excludes.
                return clause is NotNode inner ? inner.Clause : new NotNode(clause, token.Position);
            }

            return ParsePrimary(field, scoped);
        }

        private QueryNode ParsePrimary(QueryField field, bool scoped)
        {
            var token = Peek!;
            _next++;
            switch (token.Kind)
            {
                case TokenKind.Open:
                    return ParseGroup(token, field, scoped);
                case TokenKind.Field:
                    if (scoped)
                    {
                        throw new QuerySyntaxException($"'{token.Text}' is inside a group that already has a field.", token.Position);
                    }

                    var value = Peek;
                    if (value is null || value.Position != token.Position + token.Text.Length || value.Kind is not (TokenKind.Word or TokenKind.Phrase or TokenKind.Open))
                    {
                        throw new QuerySyntaxException($"'{token.Text}' must be followed by a value (no space): {token.Text}pytorch, {token.Text}\"…\" or {token.Text}(… OR …).", token.Position);
                    }

                    _next++;
                    return value.Kind == TokenKind.Open ? ParseGroup(value, token.Field, scoped: true) : Term(value, token.Field);
                case TokenKind.Word or TokenKind.Phrase:
                    return Term(token, field);
                default:
                    throw new QuerySyntaxException($"Unexpected '{token.Text}'.", token.Position);
            }
        }

        private QueryNode ParseGroup(Token open, QueryField field, bool scoped)
        {
            Enter(open);
            if (Peek is { Kind: TokenKind.Close })
            {
                throw new QuerySyntaxException("The parentheses are empty.", open.Position);
            }

            var inner = ParseOr(field, scoped);
            if (Peek is not { Kind: TokenKind.Close })
            {
                throw new QuerySyntaxException("'(' has no matching ')'.", open.Position);
            }

            _next++;
            _depth--;
            return inner;
        }

        private TermNode Term(Token token, QueryField field)
        {
            if (++_terms > limits.MaxTerms)
            {
                throw new QuerySyntaxException($"The query has more than {limits.MaxTerms} terms.", token.Position);
            }

            if (token.Kind == TokenKind.Phrase && string.IsNullOrWhiteSpace(token.Value))
            {
                throw new QuerySyntaxException("The quotes are empty.", token.Position);
            }

            return new TermNode(field, token.Value.Trim(), token.Kind == TokenKind.Phrase, token.Position);
        }

        private void Enter(Token token)
        {
            if (++_depth > limits.MaxDepth)
            {
                throw new QuerySyntaxException($"The query nests deeper than {limits.MaxDepth} levels of parentheses and NOT.", token.Position);
            }
        }

        /// <summary>One clause stays itself; clauses of the same operator are flattened into one list.</summary>
        private static QueryNode Combine(List<QueryNode> clauses, int start, Func<List<QueryNode>, QueryNode> create, Func<QueryNode, IReadOnlyList<QueryNode>?> same)
        {
            if (clauses.Count == 1)
            {
                return clauses[0];
            }

            return create([.. clauses.SelectMany(c => same(c) ?? [c])]);
        }
    }

    private enum TokenKind
    {
        Word,
        Phrase,
        Field,
        Open,
        Close,
        And,
        Or,
        Not,
        Minus,
    }

    private sealed record Token(TokenKind Kind, string Text, int Position, string Value = "", QueryField Field = QueryField.Any);

    private static class Lexer
    {
        private static bool IsOpenQuote(char c) => c is '"' or '“';

        private static bool IsCloseQuote(char c) => c is '"' or '”';

        private static bool IsOpen(char c) => c is '(' or '（';

        private static bool IsClose(char c) => c is ')' or '）';

        private static bool Ends(char c) => char.IsWhiteSpace(c) || IsOpen(c) || IsClose(c) || IsOpenQuote(c) || IsCloseQuote(c);

        public static List<Token> Tokenise(string text)
        {
            var tokens = new List<Token>();
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (IsOpen(c) || IsClose(c))
                {
                    tokens.Add(new Token(IsOpen(c) ? TokenKind.Open : TokenKind.Close, c.ToString(), i));
                    i++;
                }
                else if (IsOpenQuote(c) || IsCloseQuote(c))
                {
                    var close = text.AsSpan(i + 1).IndexOfAny('"', '”');
                    if (!IsOpenQuote(c) || close < 0)
                    {
                        throw new QuerySyntaxException(IsOpenQuote(c) ? "The quote is not closed." : "The closing quote has no opening quote.", i);
                    }

                    tokens.Add(new Token(TokenKind.Phrase, text.Substring(i, close + 2), i, text.Substring(i + 1, close)));
                    i += close + 2;
                }
                else if (c == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && !IsClose(text[i + 1]))
                {
                    tokens.Add(new Token(TokenKind.Minus, "-", i));
                    i++;
                }
                else
                {
                    var start = i;
                    while (i < text.Length && !Ends(text[i]))
                    {
                        var colon = text[i] is ':' or '：';
                        if (colon && i > start && QueryParser.TryField(text[start..i], out var field))
                        {
                            tokens.Add(new Token(TokenKind.Field, text.Substring(start, i - start + 1), start, Field: field));
                            start = ++i;
                            break;
                        }

                        i++;
                    }

                    if (i > start)
                    {
                        var word = text[start..i];
                        tokens.Add(new Token(Operator(word), word, start, word));
                    }
                }
            }

            return tokens;
        }

        private static TokenKind Operator(string word) => word switch
        {
            "AND" or "与" => TokenKind.And,
            "OR" or "或" => TokenKind.Or,
            "NOT" or "非" => TokenKind.Not,
            _ => TokenKind.Word,
        };
    }
}
