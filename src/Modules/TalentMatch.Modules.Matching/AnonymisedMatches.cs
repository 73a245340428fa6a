using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Matching;
using TalentMatch.Core.Skills;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Matching;

/// <summary>
/// Anonymised screening on what matching serves (docs/responsible-matching.md#anonymised-screening): a match list's
/// and an explanation's candidate evidence quotes the resume, so under the setting (or <c>anonymised=true</c>) it is
/// moved and cut exactly as <c>GET /v1/candidates/{id}</c> moves the same evidence: spans keep pointing at the same
/// words of the anonymised text, and evidence that touches the person's identity is left out. Matching keeps where
/// the identity is (offsets and kinds, found once when the profile arrives), never its words and never the text.
/// </summary>
public static class AnonymisedMatches
{
    /// <summary>
    /// Where a resume identifies its person, as stored with its profile (<see cref="StoredIdentity"/>): as ingestion found
    /// it, or found here for a message from an older publisher. Null for a job.
    /// </summary>
    public static string? FindIdentity(ProfileEmbedded profile, CancellationToken cancellationToken) =>
        profile.Kind != DocumentKind.Resume ? null : profile.Identity ?? StoredIdentity.Find(profile.Text, cancellationToken);

    /// <summary>
    /// The result as <paramref name="anonymity"/> reads it. A profile stored before identity was kept
    /// (<paramref name="identity"/> null), or whose spans an older redactor found (the api's read of the text would
    /// differ from them), shows no candidate evidence at all on an anonymised read.
    /// </summary>
    public static MatchResult Apply(MatchResult result, string? identity, ReadAnonymity anonymity)
    {
        if (!anonymity.Anonymised) return result;
        var map = StoredIdentity.Read(identity, anonymity.Schools) is { } spans ? new IdentityMap(spans) : null;
        return result with
        {
            Requirements = [.. result.Requirements.Select(r => r with
            {
                CandidateEvidence = map is null ? [] : [.. r.CandidateEvidence.Select(e => map.Map(e.Start, e.End) is { } m ? e with { Start = m.Start, End = m.End } : null).OfType<EvidenceSpan>()],
            })],
        };
    }
}
