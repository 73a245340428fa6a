namespace TalentMatch.Core.Matching.Insights;

/// <summary>
/// Quartiles of a set of pay figures, with the number of figures. Percentiles are null below
/// <see cref="MinimumSample"/> figures: a "median" of three ads is an anecdote, not a market rate.
/// </summary>
public sealed record Distribution(int N, decimal? P25, decimal? P50, decimal? P75)
{
    /// <summary>The fewest figures a percentile is computed from.</summary>
    public const int MinimumSample = 5;

    public static readonly Distribution Empty = new(0, null, null, null);

    /// <summary>
    /// Linear interpolation between the closest ranks (numpy's default, Excel's PERCENTILE.INC), rounded to the
    /// currency's whole unit: the inputs are midpoints of ranges posted in thousands, so decimals would be noise.
    /// </summary>
    public static Distribution Of(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length < MinimumSample)
        {
            return new Distribution(sorted.Length, null, null, null);
        }

        return new Distribution(sorted.Length, At(sorted, 0.25m), At(sorted, 0.50m), At(sorted, 0.75m));
    }

    private static decimal At(decimal[] sorted, decimal quantile)
    {
        var rank = quantile * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Length - 1);
        var value = sorted[below] + ((sorted[above] - sorted[below]) * (rank - below));
        return Math.Round(value, 0, MidpointRounding.AwayFromZero);
    }
}
