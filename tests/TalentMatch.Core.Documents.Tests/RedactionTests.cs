using TalentMatch.Core.Documents;

namespace TalentMatch.Core.Documents.Tests;

/// <summary>Anonymised reads (Redaction.Redact): placeholders for the person, skill words untouched and still found at their remapped offsets.</summary>
public class RedactionTests
{
    private const string Resume = """
        Jane Doe
        Senior Machine Learning Engineer
        jane.doe@example.com | +1 415 555 0134 | linkedin.com/in/jane-doe
        Address: 12 Mill Lane, Cambridge CB2 1TN
        Date of birth: 1990-03-12
        Gender: Female
        Marital status: Married
        Photo: smiling woman with long hair
        Summary: She has 6 years of experience; Jane trains LLMs with PyTorch and DeepSpeed. 34 years old.
        Education: MSc Computer Science, University of Cambridge (Ivy League exchange)
        """;

    [Fact]
    public void Every_identifier_becomes_its_placeholder_and_the_work_stays()
    {
        var redacted = Redaction.Redact(Resume, new RedactionOptions(Schools: true), TestContext.Current.CancellationToken).Text;

        foreach (var identity in new[] { "Jane", "Doe", "jane.doe", "415 555", "Mill Lane", "1990", "Female", "Married", "smiling", "She ", "34", "Cambridge", "Ivy" })
        {
            Assert.DoesNotContain(identity, redacted, StringComparison.Ordinal);
        }
        Assert.StartsWith("[name]\nSenior Machine Learning Engineer\n[email] | [phone] | [link]\nAddress: [address]\nDate of birth: [birth date]\nGender: [gender]\nMarital status: [marital status]\nPhoto: [photo]", redacted, StringComparison.Ordinal);
        Assert.Contains("[gender] has 6 years of experience; [name] trains LLMs with PyTorch and DeepSpeed. [age].", redacted, StringComparison.Ordinal);
        Assert.Contains("MSc Computer Science, [school] ([school] exchange)", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Schools_stay_unless_asked_for()
    {
        var redacted = Redaction.Redact(Resume, RedactionOptions.Default, TestContext.Current.CancellationToken).Text;

        Assert.Contains("University of Cambridge (Ivy League exchange)", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Chinese_details_and_prestige_tags_are_redacted()
    {
        var text = """
            张伟
            算法工程师
            手机：138 0013 8000　邮箱：zhangwei@example.cn
            性别：男
            年龄：32岁
            出生年月：1992.05
            婚姻状况：已婚
            现居住地：北京市海淀区中关村大街1号
            教育背景：清华大学 计算机科学 硕士（985/211，双一流）
            张伟精通PyTorch、DeepSpeed，熟悉分布式训练。
            """;

        var redacted = Redaction.Redact(text, new RedactionOptions(Schools: true), TestContext.Current.CancellationToken).Text;

        Assert.Equal("""
            [name]
            算法工程师
            手机：[phone]　邮箱：[email]
            性别：[gender]
            年龄：[age]
            出生年月：[birth date]
            婚姻状况：[marital status]
            现居住地：[address]
            教育背景：[school] 计算机科学 硕士（[school]，[school]）
            [name]精通PyTorch、DeepSpeed，熟悉分布式训练。
            """, redacted);
    }

    [Fact]
    public void A_skill_span_maps_to_the_same_words_and_a_span_over_the_name_maps_to_nothing()
    {
        var result = Redaction.Redact(Resume, RedactionOptions.Default, TestContext.Current.CancellationToken);
        var pytorch = Resume.IndexOf("PyTorch", StringComparison.Ordinal);
        var name = Resume.IndexOf("Jane trains", StringComparison.Ordinal);

        var mapped = result.Map(pytorch, pytorch + "PyTorch".Length);

        Assert.NotNull(mapped);
        Assert.Equal("PyTorch", result.Text[mapped.Value.Start..mapped.Value.End]);
        Assert.Null(result.Map(name, name + "Jane trains".Length));
    }

    /// <summary>
    /// Property: for resumes assembled at random from identity pieces and skill sentences, every span of the original
    /// that does not touch a redaction maps to the same substring, and every one that does maps to nothing.
    /// </summary>
    [Fact]
    public void Every_span_outside_the_identity_maps_to_the_same_substring()
    {
        var random = new Random(2126);
        string[] names = ["Jane Doe", "Rahul Verma", "李娜", "Ana María López"];
        string[] pieces =
        [
            "{0}", "Email: {1}", "Phone: +86 138 0013 8000", "She built RAG pipelines with LangChain.", "{0} fine-tuned Llama with LoRA.",
            "Age: 41", "性别：女", "He is 29 years old and knows Kubernetes.", "精通PyTorch和CUDA编程。", "Address: 5 Main St, Springfield",
            "Skills: Python, TensorFlow, vLLM", "Mr. {0} led MLOps with Kubeflow.", "University of Oxford, 985/211 高校", "", "  ",
        ];
        for (var doc = 0; doc < 300; doc++)
        {
            var name = names[random.Next(names.Length)];
            var email = $"{name.Split(' ')[0].ToLowerInvariant()}{doc}@example.com";
            var lines = Enumerable.Range(0, random.Next(2, 12)).Select(i => i == 0 ? name : string.Format(System.Globalization.CultureInfo.InvariantCulture, pieces[random.Next(pieces.Length)], name, email));
            var text = string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines);
            var result = Redaction.Redact(text, new RedactionOptions(Schools: random.Next(2) == 0), TestContext.Current.CancellationToken);

            for (var probe = 0; probe < 200; probe++)
            {
                var start = random.Next(text.Length + 1);
                var end = Math.Min(text.Length, start + random.Next(0, 12));
                var touches = result.Spans.Any(s => s.Start < Math.Max(end, start + 1) && s.End > start);
                var mapped = result.Map(start, end);
                if (touches)
                {
                    Assert.True(mapped is null || end == start && result.Spans.All(s => s.Start >= end || s.End <= start), $"[{start},{end}) of {text}");
                    continue;
                }
                Assert.NotNull(mapped);
                Assert.Equal(text[start..end], result.Text[mapped.Value.Start..mapped.Value.End]);
            }
        }
    }

    [Fact]
    public void Spans_that_overlap_or_leave_the_text_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Redaction.Redact("abcdef", [new IdentitySpan(0, 3, IdentityKind.Name), new IdentitySpan(2, 4, IdentityKind.Email)]));
        Assert.Throws<ArgumentException>(() => Redaction.Redact("abc", [new IdentitySpan(1, 9, IdentityKind.Name)]));
    }

    [Fact]
    public void Hostile_input_is_bounded_by_the_parser_budget()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Redaction.Redact(new string('a', 10_000) + "\nJane Doe", RedactionOptions.Default, cancelled.Token));
    }
}
