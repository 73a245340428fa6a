namespace TalentMatch.Core.Documents;

public enum WorkArrangement
{
    Unknown,
    Remote,
    Hybrid,
    Onsite,
}

public enum EmploymentType
{
    Unknown,
    FullTime,
    PartTime,
    Contract,
    Internship,
    Temporary,
}

public enum Seniority
{
    Unknown,
    Intern,
    Junior,
    Mid,
    Senior,
    Staff,
    Principal,
    Lead,
    Manager,
    Director,
    Executive,
}

public enum SalaryPeriod
{
    Unknown,
    Hour,
    Day,
    Month,
    Year,
}

/// <summary>
/// A pay range as stated. <paramref name="Currency"/> is an ISO 4217 code, or null when the ad shows no
/// currency; <paramref name="MonthsPerYear"/> is the Chinese "N薪" convention (15薪 = 15 monthly salaries a year),
/// null when the ad does not state it.
/// </summary>
public sealed record SalaryRange(decimal Min, decimal Max, string? Currency, SalaryPeriod Period, int? MonthsPerYear)
{
    /// <summary>
    /// Monthly salaries a year when none is stated: 12. Chinese ads state 13-18 when they pay more ("·15薪");
    /// without it, BOSS直聘's convention is twelve, and Western monthly pay is twelve.
    /// </summary>
    public const int DefaultMonthsPerYear = 12;

    /// <summary>How many monthly salaries a year this pays: the stated figure, else <see cref="DefaultMonthsPerYear"/>; null unless paid by the month.</summary>
    public int? MonthsPaid => Period == SalaryPeriod.Month ? MonthsPerYear ?? DefaultMonthsPerYear : null;

    /// <summary>Lowest yearly pay when the period allows it: monthly pay × <see cref="MonthsPaid"/>; null for hourly and daily pay (hours and days worked a year are not stated).</summary>
    public decimal? AnnualMin => Annual(Min);

    /// <summary>Highest yearly pay, as <see cref="AnnualMin"/>.</summary>
    public decimal? AnnualMax => Annual(Max);

    /// <summary>The middle of the yearly range, as <see cref="AnnualMin"/>.</summary>
    public decimal? AnnualMidpoint => Annual(Midpoint);

    /// <summary>
    /// The middle of the monthly range as posted (30-60K·15薪 is 45,000, not a fifteenth of the year); a yearly
    /// figure divided by <see cref="DefaultMonthsPerYear"/>; null for hourly and daily pay.
    /// </summary>
    public decimal? MonthlyMidpoint => Period switch
    {
        SalaryPeriod.Month => Midpoint,
        SalaryPeriod.Year => Midpoint / DefaultMonthsPerYear,
        _ => null,
    };

    /// <summary>The middle of the range in the posted period.</summary>
    public decimal Midpoint => (Min + Max) / 2;

    private decimal? Annual(decimal amount) => Period switch
    {
        SalaryPeriod.Year => amount,
        SalaryPeriod.Month => amount * MonthsPaid!.Value,
        _ => null,
    };
}

/// <summary>Years of experience asked for: "3+ years" is (3, null), "3-5年" is (3, 5).</summary>
public sealed record YearsRange(int Min, int? Max);

/// <summary>
/// The fields of a job description. Lists are empty, never null; a field the text does not state is
/// null or Unknown rather than guessed.
/// </summary>
public sealed record ParsedJobDescription
{
    /// <summary>"en" or "zh", from the share of CJK characters.</summary>
    public required string Language { get; init; }
    public string? Title { get; init; }
    public string? Company { get; init; }
    public string? Location { get; init; }
    public WorkArrangement WorkArrangement { get; init; }
    /// <summary>Regions a remote role is open to ("US", "UK", "EU"), as written.</summary>
    public IReadOnlyList<string> RemoteRegions { get; init; } = [];
    public EmploymentType EmploymentType { get; init; }
    public Seniority Seniority { get; init; }
    public SalaryRange? Salary { get; init; }
    /// <summary>True when the ad states no pay but says it is to be agreed ("面议", "salary negotiable"); <see cref="Salary"/> is null then.</summary>
    public bool SalaryNegotiable { get; init; }
    public YearsRange? YearsOfExperienceRequired { get; init; }
    /// <summary>Every distinct role the text advertises (a post may hire for several).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
    /// <summary>Must-have items: the "Requirements"/"任职要求" section, minus items marked as a plus.</summary>
    public IReadOnlyList<string> Requirements { get; init; } = [];
    /// <summary>Items marked "nice to have", "preferred", "a plus", "优先", "加分".</summary>
    public IReadOnlyList<string> NiceToHaves { get; init; } = [];
    /// <summary>What the job does: "Responsibilities"/"岗位职责".</summary>
    public IReadOnlyList<string> Responsibilities { get; init; } = [];

    /// <summary>False for text that advertises no role (a comment, a newsletter): callers should not index it as a job.</summary>
    public bool IsJobPosting => Roles.Count > 0;
}
