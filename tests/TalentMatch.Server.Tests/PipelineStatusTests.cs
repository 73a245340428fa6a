using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Contracts;
using TalentMatch.Modules.Ingestion;

namespace TalentMatch.Server.Tests;

/// <summary>Unit tests of the pipeline's pure logic: status transitions and ingestion's first checks.</summary>
public class PipelineStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 29);

    [Fact]
    public void A_document_moves_from_processing_to_parsed_to_indexed()
    {
        var candidate = new Candidate { TenantId = "t", Text = "x" };
        candidate.MarkParsed([new ExtractedSkill("pytorch", "PyTorch")], "x");
        Assert.Equal(PipelineStatus.Parsed, candidate.Status);
        candidate.MarkIndexed(Now);
        Assert.Equal(PipelineStatus.Indexed, candidate.Status);
        Assert.Equal(Now, candidate.IndexedAt);
        Assert.Single(candidate.Skills);
    }

    [Fact]
    public void Indexed_before_its_parse_arrived_a_document_reads_as_indexed_only_once_its_text_and_skills_are_there()
    {
        var upload = new Candidate { TenantId = "t", Text = "" };
        Assert.False(upload.MarkIndexed(Now)); // search's event overtook the parse (another queue)
        Assert.Equal(PipelineStatus.Processing, upload.Status);
        Assert.False(upload.MarkIndexed(Now)); // redelivered

        Assert.True(upload.MarkParsed([new ExtractedSkill("pytorch", "PyTorch")], "PyTorch engineer"));
        Assert.Equal(PipelineStatus.Indexed, upload.Status);
        Assert.Equal("PyTorch engineer", upload.Text);
        Assert.Equal(Now, upload.IndexedAt);
        Assert.False(upload.MarkParsed([], "again")); // announced once
    }

    [Fact]
    public void A_redelivered_parsed_event_does_not_move_an_indexed_document_back()
    {
        var candidate = new Candidate { TenantId = "t", Text = "x" };
        candidate.MarkParsed([new ExtractedSkill("pytorch", "PyTorch")], "x");
        candidate.MarkIndexed(Now);
        candidate.MarkParsed([], "y");
        candidate.MarkRejected("empty-document", "late");
        Assert.Equal(PipelineStatus.Indexed, candidate.Status);
        Assert.Single(candidate.Skills);
        Assert.Null(candidate.RejectionReason);
    }

    [Fact]
    public void A_rejected_document_keeps_its_reason_and_is_never_indexed()
    {
        var job = new Job { TenantId = "t", Text = "x" };
        job.MarkRejected("empty-document", "no text");
        job.MarkIndexed(Now);
        Assert.Equal(PipelineStatus.Rejected, job.Status);
        Assert.Equal("empty-document", job.RejectionReason);
        Assert.Null(job.IndexedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t ")]
    [InlineData("\u0000\u0001\u001f")]
    public void Ingestion_rejects_text_with_nothing_readable(string text)
    {
        var result = DocumentIngestor.Ingest(text, DocumentKind.Resume, Today);
        Assert.True(result.IsRejected);
        Assert.Equal(DocumentIngestor.EmptyDocument, result.RejectionReason);
    }

    [Fact]
    public void Ingestion_normalises_line_endings_and_unicode_composition()
    {
        var result = DocumentIngestor.Ingest("  Cafe\u0301 engineer\r\nPyTorch\r\n ", DocumentKind.Resume, Today);
        Assert.False(result.IsRejected);
        Assert.Equal("Caf\u00e9 engineer\nPyTorch", result.Text);
    }

    [Fact]
    public void Ingestion_recognises_the_skills_of_a_chinese_job_with_their_requirement_level()
    {
        var result = DocumentIngestor.Ingest("岗位要求：精通PyTorch，熟悉DeepSpeed。有vLLM经验者优先。", DocumentKind.Job, Today);

        var pytorch = Assert.Single(result.Skills, s => s.Name == "PyTorch");
        Assert.Equal("required", pytorch.Level);
        Assert.Equal("expert", pytorch.Proficiency);
        Assert.Equal("preferred", Assert.Single(result.Skills, s => s.Name == "vLLM").Level);
        Assert.Contains(result.Skills, s => s.Name == "DeepSpeed");
        Assert.Equal("zh", result.Facts!.Language);
    }

    [Fact]
    public void Ingestion_reads_the_facts_search_filters_on_from_a_job_ad()
    {
        var result = DocumentIngestor.Ingest(
            "Senior Machine Learning Engineer\nLocation: Berlin, Germany (hybrid)\n\nRequirements:\n- 5+ years of experience with PyTorch\n- Kubernetes",
            DocumentKind.Job, Today);

        Assert.Equal("Senior Machine Learning Engineer", result.Facts!.Title);
        Assert.Equal(5, result.Facts.YearsOfExperience);
        Assert.Equal("hybrid", result.Facts.WorkArrangement);
        Assert.Equal("senior", result.Facts.Seniority);
        Assert.Equal("en", result.Facts.Language);
    }

    [Fact]
    public void Ingestion_computes_a_candidates_years_from_the_work_history_up_to_the_submission_date()
    {
        var result = DocumentIngestor.Ingest(
            "Jane Doe\nML Engineer\n\nExperience\nML Engineer, Acme Corp\nJan 2020 - Present\n• Trained models with PyTorch",
            DocumentKind.Resume, Today);

        Assert.InRange(result.Facts!.YearsOfExperience!.Value, 6.5, 7.2);
    }
}
