using System.Globalization;

namespace TalentMatch.Core.Documents.Duplicates;

/// <summary>How alike two resumes are, and why: the reasons a recruiter reads before merging or dismissing.</summary>
public sealed record DuplicateAssessment(double Score, IReadOnlyList<string> Reasons, bool IsSuspected);

/// <summary>
/// Scores a pair of fingerprints. Identical contact details all but prove one person (a shared
/// agency address is the exception a recruiter dismisses); otherwise the text similarity decides,
/// raised a little by the same name and shared employers, which alone prove nothing (two 张伟 at
/// Huawei). Thresholds: docs/benchmarks.md, "Duplicate candidates", tuned on the dev half only.
/// </summary>
public static class DuplicateScorer
{
    /// <summary>The score from which a pair is suggested as a duplicate, unless a tenant set its own.</summary>
    public const double Threshold = 0.5;

    /// <summary>The range a tenant's threshold is held to: below it the text of unrelated resumes of one trade starts to agree; above it only identical contact details count.</summary>
    public const double MinThreshold = 0.3, MaxThreshold = 0.99;

    /// <summary>
    /// An e-mail or phone already held by this many candidates of the tenant is not a person's: an
    /// agency's switchboard, a job board's relay address, a redaction placeholder ("123-345-7890").
    /// It is then neither looked up nor counted as a reason.
    /// </summary>
    public const int SharedContactHolders = 5;

    /// <param name="sharedContacts">Lookup keys (<see cref="DuplicateFingerprint.LookupKeys"/>) of contact details held by <see cref="SharedContactHolders"/> or more candidates.</param>
    /// <param name="threshold">The score from which the pair is suspected (a tenant's setting, <see cref="MinThreshold"/> to <see cref="MaxThreshold"/>).</param>
    public static DuplicateAssessment Assess(
        DuplicateFingerprint a, DuplicateFingerprint b, IReadOnlySet<string>? sharedContacts = null, double threshold = Threshold)
    {
        var reasons = new List<string>();
        var score = 0.0;
        bool Personal(string prefix, string hash) => sharedContacts is null || !sharedContacts.Contains(prefix + hash);
        if (a.Emails.Intersect(b.Emails, StringComparer.Ordinal).Any(e => Personal("e:", e)))
        {
            reasons.Add("same e-mail");
            score = 0.99;
        }

        if (a.Phones.Intersect(b.Phones, StringComparer.Ordinal).Any(p => Personal("p:", p)))
        {
            reasons.Add("same phone");
            score = Math.Max(score, 0.97);
        }

        var sameName = a.Name is not null && a.Name == b.Name;
        if (sameName)
        {
            reasons.Add("same name");
        }

        var employers = a.Employers.Intersect(b.Employers, StringComparer.Ordinal).Count();
        if (employers > 0)
        {
            reasons.Add(employers == 1 ? "1 same employer" : $"{employers} same employers");
        }

        if (sameName && employers >= 2)
        {
            score = Math.Max(score, 0.9);
        }

        var text = TextSignature.Similarity(a.Signature, b.Signature);
        if (text >= 0.1)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"text {text:0.00} similar"));
        }

        var textScore = Math.Min(0.98, text + (sameName ? 0.1 : 0) + (employers > 0 ? 0.05 : 0));
        score = Math.Round(Math.Max(score, textScore), 2);
        return new DuplicateAssessment(score, reasons, score >= threshold);
    }
}
