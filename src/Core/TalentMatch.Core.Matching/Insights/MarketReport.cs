namespace TalentMatch.Core.Matching.Insights;

/// <summary>
/// Demand and pay over a set of jobs: the shape <c>talentmatch insights</c> prints and the insights endpoints
/// build on. <see cref="Salary"/> is in the currency most of the jobs with a stated pay use (the skills'
/// figures too); the others are in <see cref="OtherCurrencies"/>, never converted.
/// </summary>
public sealed record MarketReport(int Jobs, SalarySummary? Salary, IReadOnlyList<SalarySummary> OtherCurrencies, IReadOnlyList<SkillDemand> Skills);

/// <summary>Midpoints of the posted ranges of the <paramref name="Jobs"/> jobs that state a pay in <paramref name="Currency"/>.</summary>
public sealed record SalarySummary(string Currency, int Jobs, Distribution Monthly, Distribution Annual);

/// <summary>
/// One skill's demand: jobs asking for it (required or preferred), their share of all jobs, the pay of those jobs
/// in the report's main currency, the skills asked for with it most often beyond chance (<see cref="With"/>), and, when
/// asked for, the jobs asking for it per month they were posted (<see cref="Trend"/>, oldest first).
/// </summary>
public sealed record SkillDemand(string Id, string Name, int Jobs, double Share, int Required, int Preferred, SkillSalary Salary, IReadOnlyList<CoSkill> With, IReadOnlyList<MonthDemand>? Trend = null);

/// <summary>Jobs posted in <paramref name="Month"/> (<c>yyyy-MM</c>, UTC) asking for a skill.</summary>
public sealed record MonthDemand(string Month, int Jobs);

public sealed record SkillSalary(Distribution Monthly, Distribution Annual);

/// <summary>
/// A skill asked for together with another: <paramref name="Lift"/> is how many times more often the two appear in
/// the same job than if they were independent (1 = chance), over <paramref name="Jobs"/> jobs asking for both.
/// </summary>
public sealed record CoSkill(string Id, double Lift, int Jobs);
