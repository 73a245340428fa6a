using Microsoft.AspNetCore.Http;
using TalentMatch.Contracts;
using TalentMatch.Modules.Console;

namespace TalentMatch.Console.Tests;

/// <summary>The console's logic without a browser: highlighting offsets, labels, the language choice.</summary>
public sealed class LogicTests
{
    private static readonly ExtractedSkill PyTorch = new("pytorch", "PyTorch");

    [Fact]
    public void A_span_is_marked_where_it_is_and_the_rest_stays_plain()
    {
        var segments = Highlighter.Segments("精通 PyTorch。", [(3, 10, PyTorch)]);

        Assert.Equal(["精通 ", "PyTorch", "。"], segments.Select(s => s.Text));
        Assert.Equal([false, true, false], segments.Select(s => s.Marked));
        Assert.Same(PyTorch, segments[1].Skill);
    }

    [Fact]
    public void A_span_never_cuts_a_surrogate_pair_in_half()
    {
        // "𠮷" (U+20BB7) is two UTF-16 units; spans that start or end between them widen to the whole character.
        const string text = "a𠮷b";

        var starting = Highlighter.Segments(text, [(2, 3, PyTorch)]);
        var ending = Highlighter.Segments(text, [(0, 2, PyTorch)]);

        Assert.Equal(["a", "𠮷", "b"], starting.Select(s => s.Text));
        Assert.Equal(["a𠮷", "b"], ending.Select(s => s.Text));
        Assert.All(starting.Concat(ending), s => Assert.False(char.IsLowSurrogate(s.Text[0]) || char.IsHighSurrogate(s.Text[^1])));
    }

    [Fact]
    public void Hostile_spans_are_clamped_and_overlaps_dropped()
    {
        var segments = Highlighter.Segments("Python PyTorch", [(-5, 6, PyTorch), (3, 10, PyTorch), (7, 999, PyTorch), (9, 2, PyTorch)]);

        Assert.Equal(["Python", " ", "PyTorch"], segments.Select(s => s.Text));
        Assert.Equal("Python PyTorch", string.Concat(segments.Select(s => s.Text)));
    }

    [Fact]
    public void A_search_fragment_is_read_as_text_with_marks_and_never_as_markup()
    {
        var segments = Highlighter.FromTagged("&lt;script&gt;x&lt;/script&gt; 做过 <em>微调</em> &amp; <em>RAG</em>");

        Assert.Equal(["<script>x</script> 做过 ", "微调", " & ", "RAG"], segments.Select(s => s.Text));
        Assert.Equal([false, true, false, true], segments.Select(s => s.Marked));
    }

    [Fact]
    public void Every_label_has_an_english_and_a_chinese_text()
    {
        Assert.All(Labels.All, label =>
        {
            Assert.False(string.IsNullOrWhiteSpace(label.Value.En), label.Key);
            Assert.False(string.IsNullOrWhiteSpace(label.Value.Zh), label.Key);
            Assert.NotEqual(label.Value.En, label.Value.Zh);
        });
    }

    [Theory]
    [InlineData(null, "zh-CN,zh;q=0.9,en;q=0.8", "zh")]
    [InlineData(null, "en-GB,zh;q=0.5", "en")]
    [InlineData(null, "fr-FR,zh-TW;q=0.7", "zh")]
    [InlineData(null, "fr-FR", "en")]
    [InlineData("en", "zh-CN", "en")]
    [InlineData("zh", "en-US", "zh")]
    [InlineData("xx", "zh-CN", "zh")]
    public void The_language_is_the_switch_then_accept_language_then_english(string? cookie, string acceptLanguage, string expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.AcceptLanguage = acceptLanguage;
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = $"{Ui.CookieName}={cookie}";
        }

        Assert.Equal(expected, Ui.For(context.Request).Language);
    }

    [Fact]
    public void Insight_charts_scale_demand_to_the_most_asked_for_skill_and_pay_between_the_extreme_quartiles()
    {
        PayQuartiles Pay(decimal? p25, decimal? p50, decimal? p75) => new(p25 is null ? 3 : 10, p25, p50, p75);
        SkillInsight[] skills =
        [
            new("pytorch", "PyTorch", 10, 0.5, 6, 4, new SkillPay(Pay(30_000, 40_000, 50_000), Pay(null, null, null))),
            new("cuda", "CUDA", 5, 0.25, 5, 0, new SkillPay(Pay(40_000, 45_000, 70_000), Pay(null, null, null))),
            new("jax", "JAX", 2, 0.1, 0, 2, new SkillPay(Pay(null, null, null), Pay(null, null, null))), // pay in fewer than 5 jobs
        ];

        var demand = InsightCharts.Demand(skills);
        var pay = InsightCharts.Pay(skills, out var low, out var high);

        Assert.Equal(demand[0].Required + demand[0].Preferred, 2 * (demand[1].Required + demand[1].Preferred), 6);
        Assert.Equal(demand[0].Required, 1.5 * demand[0].Preferred, 6);
        Assert.Equal([0, InsightCharts.RowHeight, 2 * InsightCharts.RowHeight], demand.Select(d => d.Y));
        Assert.Equal(["pytorch", "cuda"], pay.Select(p => p.Skill.Id));
        Assert.Equal((30_000m, 70_000m), (low, high));
        Assert.Equal(InsightCharts.Left, pay[0].Low);
        Assert.True(pay[0].Low < pay[0].Median && pay[0].Median < pay[0].High && pay[0].High < pay[1].High);
        Assert.True(pay[1].High <= InsightCharts.Width, "the widest range stays inside the drawing");
    }
}
