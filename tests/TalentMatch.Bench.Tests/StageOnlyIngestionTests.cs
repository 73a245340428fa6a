using TalentMatch.Bench.Commands;

namespace TalentMatch.Bench.Tests;

/// <summary>
/// The stage-only half of <c>talentmatch-bench ingest</c> (issue #22) on the real ONNX model and a real Lucene index:
/// every resume goes through every stage, and proactive matching ranks the jobs for each.
/// </summary>
public class StageOnlyIngestionTests
{
    private const string MlResume = """
        Jane Doe
        Machine Learning Engineer

        Experience
        2019 - Present  Acme AI, Machine Learning Engineer
        Trained PyTorch models for recommendation; deployed them with Docker and Kubernetes; Python, SQL, Spark.
        """;

    private const string DataResume = """
        John Roe
        Data Scientist

        Experience
        2017 - 2023  Beta Analytics, Data Scientist
        Built forecasting models in Python with scikit-learn and pandas; TensorFlow for image classification.
        """;

    private const string MlJob = """
        机器学习工程师 30-50K·15薪
        岗位要求：熟练掌握 Python、PyTorch，有推荐系统和深度学习项目经验，熟悉 Docker、Kubernetes。
        """;

    private const string DataJob = """
        Data Scientist
        Requirements: Python, pandas, scikit-learn, statistics, experience with time-series forecasting.
        """;

    [Fact]
    public async Task Every_resume_goes_through_every_stage_and_is_matched_against_the_jobs()
    {
        var result = await StageOnlyIngestion.RunAsync([MlResume, DataResume], [MlJob, DataJob], TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Resumes);
        Assert.Equal(4, result.Stages.Count);
        Assert.All(result.Stages, s => Assert.True(s.MillisecondsPerResume > 0, s.Stage));
        // Both jobs are retrieved for both resumes (two open roles, retrieval depth 1,000).
        Assert.Equal(4, result.PairsRanked);
        Assert.True(result.ResumesPerSecond > 0);
    }
}
