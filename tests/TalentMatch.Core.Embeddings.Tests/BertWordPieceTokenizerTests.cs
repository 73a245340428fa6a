namespace TalentMatch.Core.Embeddings.Tests;

/// <summary>
/// Exact token sequences of Hugging Face's BertTokenizer for the all-MiniLM-L6-v2 (bert-base-uncased)
/// vocabulary. The cases are where other .NET tokenizers went wrong.
/// </summary>
public sealed class BertWordPieceTokenizerTests(ModelFixture model)
{
    private readonly BertWordPieceTokenizer _tokenizer = model.Tokenizer;

    [Theory]
    [InlineData("Developed in C++.", "developed in c + + .")]
    [InlineData("handling P1, P2", "handling p ##1 , p ##2")]
    [InlineData("ElasticSearch D3.js", "elastic ##sea ##rch d ##3 . j ##s")]
    // 熟 and 悉 are not in the vocabulary: each becomes its own [UNK], not one [UNK] for the whole run.
    [InlineData("熟悉pytorch naïve café", "[UNK] [UNK] p ##yt ##or ##ch naive cafe")]
    [InlineData("分布式训练", "分 [UNK] [UNK] [UNK] [UNK]")]
    [InlineData("日本語", "日 本 語")]
    [InlineData("$100 ^x `y` a_b ~z", "$ 100 ^ x ` y ` a _ b ~ z")]
    [InlineData("don't e-mail", "don ' t e - mail")]
    [InlineData("Ångström İstanbul", "ang ##strom istanbul")]
    [InlineData("tab\there\nnew\u200Bzero\u0000nul\uFFFD", "tab here new ##zer ##on ##ul")]
    [InlineData("", "")]
    public void Text_is_split_into_the_word_pieces_hugging_face_gives(string text, string expected)
    {
        Assert.Equal(expected, string.Join(' ', _tokenizer.Tokenize(text)));
    }

    [Fact]
    public void Encoded_text_starts_with_cls_and_ends_with_sep()
    {
        var ids = _tokenizer.Encode("machine learning");

        Assert.Equal(["[CLS]", "machine", "learning", "[SEP]"], ids.Select(id => _tokenizer.IdToToken(id)));
    }

    [Fact]
    public void Text_that_grows_under_unicode_decomposition_is_not_truncated()
    {
        // Each Hangul syllable decomposes into two or three jamo (all pieces of one word), so there are
        // more pieces than characters.
        var pieces = _tokenizer.Tokenize("한국어 한국어 한국어");

        Assert.Equal(3, pieces.Count(p => !p.StartsWith("##", StringComparison.Ordinal)));
        Assert.True(pieces.Count > "한국어 한국어 한국어".Length, $"only {pieces.Count} pieces");
    }

    [Fact]
    public void Long_text_is_never_truncated()
    {
        var text = string.Join(' ', Enumerable.Repeat("distributed training", 600));

        var ids = _tokenizer.Encode(text);

        Assert.Equal(1202, ids.Length);
        Assert.Equal(_tokenizer.SepId, ids[^1]);
    }

    [Fact]
    public void A_word_of_more_than_100_characters_becomes_one_unknown_token_as_in_hugging_face()
    {
        var overlong = new string('a', 101);
        var longest = "x" + new string('a', 99);

        Assert.Equal(["ok", "[UNK]", "ok"], _tokenizer.Tokenize($"ok {overlong} ok"));
        Assert.Equal(100, string.Concat(_tokenizer.Tokenize(longest)).Replace("##", "", StringComparison.Ordinal).Length);
    }
}
