using System.ComponentModel.DataAnnotations;
using TalentMatch.Core.Matching.Insights;

namespace TalentMatch.Modules.Insights;

public sealed class InsightsOptions
{
    public const string Section = "TalentMatch:Insights";

    /// <summary>
    /// A view of one city, seniority or category keeps a skill's details (required count, trend, pairs, pay buckets)
    /// once this many of its open or of its closed jobs ask for the skill (ADR 0013); a report counts a rarer skill's
    /// from the view's facts. Answers do not depend on it, only what is written and what is read.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ScopedDetailsFrom { get; set; } = MarketTally.ScopedDetailsFrom;
}
