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
        var sorted = Sorted([.. values]);
        return sorted.Length < MinimumSample
            ? new Distribution(sorted.Length, null, null, null)
            : new Distribution(sorted.Length, At(sorted.Length, i => sorted[i], 0.25m), At(sorted.Length, i => sorted[i], 0.50m), At(sorted.Length, i => sorted[i], 0.75m));
    }

    /// <summary>
    /// Ascending. Pay figures are kept to hundredths (ADR 0013), so they sort as whole hundredths (longs, read from the
    /// decimal's digits and scale, no arithmetic), several times faster than decimals compared one by one: a report sorts
    /// two lists per listed skill. Figures with finer fractions or beyond a long's range sort as decimals.
    /// </summary>
    private static decimal[] Sorted(decimal[] figures)
    {
        var hundredths = new long[figures.Length];
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < figures.Length; i++)
        {
            decimal.GetBits(figures[i], bits);
            var scale = (bits[3] >> 16) & 0xFF;
            var digits = ((long)bits[1] << 32) | (uint)bits[0];
            if (bits[2] != 0 || bits[1] < 0 || scale > 2 || digits > long.MaxValue / 100)
            {
                Array.Sort(figures);
                return figures;
            }

            var magnitude = digits * (scale == 0 ? 100 : scale == 1 ? 10 : 1);
            hundredths[i] = bits[3] < 0 ? -magnitude : magnitude;
        }

        Array.Sort(hundredths);
        for (var i = 0; i < figures.Length; i++)
        {
            var magnitude = Math.Abs(hundredths[i]);
            figures[i] = new decimal((int)(magnitude & 0xFFFFFFFF), (int)(magnitude >> 32), 0, hundredths[i] < 0, 2);
        }

        return figures;
    }

    /// <summary>
    /// The same percentiles from runs of equal figures (<paramref name="Value"/> counted <paramref name="Count"/>
    /// times, in ascending order): a pay histogram's buckets, each standing for its figures by their mean (ADR 0013).
    /// </summary>
    public static Distribution OfRuns(IReadOnlyList<(decimal Value, long Count)> runs)
    {
        var n = (int)runs.Sum(r => r.Count);
        if (n < MinimumSample)
        {
            return new Distribution(n, null, null, null);
        }

        var ends = new long[runs.Count];
        for (long i = 0, total = 0; i < runs.Count; i++)
        {
            ends[i] = total += runs[(int)i].Count;
        }

        // The i-th figure (from 0) is in the first run whose cumulative count passes i.
        decimal ValueAt(int i)
        {
            var run = Array.BinarySearch(ends, i + 1L);
            return runs[run >= 0 ? run : ~run].Value;
        }

        return new Distribution(n, At(n, ValueAt, 0.25m), At(n, ValueAt, 0.50m), At(n, ValueAt, 0.75m));
    }

    private static decimal At(int count, Func<int, decimal> sorted, decimal quantile)
    {
        var rank = quantile * (count - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, count - 1);
        var value = sorted(below) + ((sorted(above) - sorted(below)) * (rank - below));
        return Math.Round(value, 0, MidpointRounding.AwayFromZero);
    }
}
