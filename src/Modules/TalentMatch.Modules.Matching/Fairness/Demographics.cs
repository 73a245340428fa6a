using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace TalentMatch.Modules.Matching.Fairness;

/// <summary>
/// A candidate's voluntarily self-identified categories, for bias audits only (docs/responsible-matching.md). Kept
/// apart from the profile the scorer reads, behind their own scope, and deleted with the candidate.
/// </summary>
public sealed class CandidateDemographics
{
    public required string TenantId { get; set; }

    public Guid CandidateId { get; set; }

    /// <summary>Null: not declared (or declined).</summary>
    public string? Sex { get; set; }

    public string? RaceEthnicity { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>What a tenant attaches: any label its self-identification form uses; null or absent is "not declared".</summary>
public sealed record DemographicsInput(string? Sex = null, string? RaceEthnicity = null);

public sealed record DemographicsView(Guid CandidateId, string? Sex, string? RaceEthnicity, DateTimeOffset UpdatedAt);

internal static partial class Demographics
{
    /// <summary>The dimensions a bias audit reports, by these names (and their intersection); LL144 asks for both.</summary>
    public const string SexDimension = "sex";
    public const string RaceEthnicityDimension = "raceEthnicity";
    public const int MaxLabelLength = 64;

    public static void Configure(ModelBuilder modelBuilder)
    {
        var entity = modelBuilder.Entity<CandidateDemographics>().ToTable("MatchDemographics");
        entity.HasKey(d => new { d.TenantId, d.CandidateId });
        entity.Property(d => d.TenantId).HasMaxLength(64);
        entity.Property(d => d.Sex).HasMaxLength(MaxLabelLength);
        entity.Property(d => d.RaceEthnicity).HasMaxLength(MaxLabelLength);
    }

    /// <summary>A label, trimmed; null when absent or blank; an error when it is not a plain label (it ends up in CSV and reports).</summary>
    public static bool TryLabel(string? value, string field, out string? label, out string? error)
    {
        label = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        error = label is null || (label.Length <= MaxLabelLength && LabelPattern().IsMatch(label))
            ? null
            : $"'{field}' must be a label of at most {MaxLabelLength} letters, digits, spaces and - / , . ' ( ) & +, starting with a letter or digit.";
        return error is null;
    }

    // Starting with a letter or digit: a label opening with = + - @ would be a formula in a spreadsheet.
    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{M}\p{N} \-/,.'()&+]*$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LabelPattern();
}
