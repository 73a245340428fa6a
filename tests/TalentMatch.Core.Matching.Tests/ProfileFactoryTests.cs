using System.Text.Json;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;

namespace TalentMatch.Core.Matching.Tests;

/// <summary>
/// The served path (ingestion publishes a reading as JSON, matching rebuilds the profile from it) and the CLI path
/// (read, build) give the same profile, with seniority, languages and the job's promotion on both.
/// </summary>
public class ProfileFactoryTests
{
    private const string Resume = """
        李雷
        高级机器学习工程师

        2019.07 - 至今  某科技公司  高级机器学习工程师
        负责大模型分布式训练，使用 PyTorch、DeepSpeed。

        语言：英语六级（CET-6），日语N2
        """;

    private const string Ad = "We build recommendation systems with Python and Spark and deploy them on Kubernetes. Fluent English and Mandarin.";

    private static readonly DateOnly Day = new(2025, 12, 1);

    [Fact]
    public void A_reading_that_travelled_as_json_builds_the_cli_profile_of_the_same_text()
    {
        var cli = ProfileBuilder.Candidate("c", Resume, Day);
        var reading = RoundTrip(ProfileFactory.Read(Resume, DocumentKind.Resume, Day, deadline: TestContext.Current.CancellationToken));
        var served = ProfileFactory.Candidate("c", reading.Facts.Title, reading.Skills, reading.Facts);

        AssertSameCandidate(cli, served);
        Assert.Equal(Seniority.Senior, served.Seniority);
        Assert.Equal(["English", "Japanese", "Chinese"], served.Languages);

        var cliJob = ProfileBuilder.Job("j", Ad);
        var jobReading = RoundTrip(ProfileFactory.Read(Ad, DocumentKind.Job, Day, deadline: TestContext.Current.CancellationToken));
        var servedJob = ProfileFactory.Job("j", jobReading.Facts.Title, jobReading.Skills, jobReading.Facts);
        Assert.Equal(JsonSerializer.Serialize(cliJob), JsonSerializer.Serialize(servedJob));
        Assert.Contains(servedJob.Requirements, r => r.SkillId == "python");
        Assert.Equal(["English", "Chinese"], servedJob.Languages);

        // So the two paths score the pair the same.
        Assert.Equal(Matcher.Default.Score(cliJob, cli).Score, Matcher.Default.Score(servedJob, served).Score);
    }

    [Fact]
    public void A_resumes_facts_name_the_employers_of_its_work_history_for_search_and_a_jobs_name_none()
    {
        var reading = RoundTrip(ProfileFactory.Read(Resume, DocumentKind.Resume, Day, deadline: TestContext.Current.CancellationToken));
        Assert.Equal(["某科技公司"], reading.Facts.Employers);

        var job = ProfileFactory.Read(Ad, DocumentKind.Job, Day, deadline: TestContext.Current.CancellationToken);
        Assert.Null(job.Facts.Employers);
    }

    [Fact]
    public void Facts_stored_before_languages_and_resume_seniority_were_published_still_give_both()
    {
        var old = new ProfileFacts("en", "Senior Data Scientist", 6);

        var candidate = ProfileFactory.Candidate("c", old.Title, [], old);

        Assert.Equal(Seniority.Senior, candidate.Seniority);
        Assert.Equal(["English"], candidate.Languages);
    }

    [Fact]
    public void A_chinese_resume_and_an_english_ad_in_the_same_city_meet_on_location()
    {
        var candidate = ProfileBuilder.Candidate("c", "李雷\n现居：北京\n算法工程师，熟悉PyTorch", Day);
        var job = ProfileBuilder.Job("j", "ML Engineer\nLocation: Beijing, China\nOn-site.\nRequirements:\n- PyTorch");

        Assert.Equal(("Beijing", "Beijing"), (candidate.Location, job.Location));
        var location = Matcher.Default.Score(job, candidate).Components[(int)MatchComponent.Location];
        Assert.Equal((true, 1.0), (location.Applicable, location.Score));
    }

    [Fact]
    public void Locations_stored_before_they_were_normalised_still_meet()
    {
        var job = new JobProfile("j", "ML", [], Location: "北京·海淀区", WorkArrangement: WorkArrangement.Onsite);
        var candidate = new CandidateProfile("c", [], Location: "Beijing, China");

        Assert.Equal(1.0, Matcher.Default.Score(job, candidate).Components[(int)MatchComponent.Location].Score);
    }

    [Theory]
    [InlineData("Fluent English; conversational German.", "English,German")]
    [InlineData("Languages: English (native), French (C1)", "English,French")]
    [InlineData("Mandarin speaker preferred", "Chinese")]
    [InlineData("英语六级，日语", "English,Japanese")]
    [InlineData("通过CET6，普通话标准", "English,Chinese")]
    [InlineData("TOEFL 110", "English")]
    [InlineData("We write Python and English documentation.", "")]
    public void Spoken_languages_are_read_in_english_and_chinese(string text, string expected)
    {
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), SpokenLanguages.In(text));
    }

    private static ProfileReading RoundTrip(ProfileReading reading) =>
        JsonSerializer.Deserialize<ProfileReading>(JsonSerializer.Serialize(reading, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!;

    private static void AssertSameCandidate(CandidateProfile expected, CandidateProfile actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
}
