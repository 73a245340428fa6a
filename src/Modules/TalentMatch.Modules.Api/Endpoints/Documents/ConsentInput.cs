using Microsoft.AspNetCore.Http.HttpResults;
using TalentMatch.Modules.Api.Persistence;

namespace TalentMatch.Modules.Api.Endpoints.Documents;

/// <summary>
/// The <c>consent</c> object of a resume submission (a JSON body's property, or an upload's form field
/// of the same JSON): <c>{"basis", "source", "givenAt", "expiresAt"}</c>.
/// </summary>
public sealed record ConsentInput(string? Basis, string? Source = null, DateTimeOffset? GivenAt = null, DateTimeOffset? ExpiresAt = null)
{
    /// <summary>A clock a few minutes ahead of ours must not make "given now" look like the future.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The record to store, or the problem that says which field is wrong.</summary>
    internal (ConsentRecord? Record, ProblemHttpResult? Problem) Validate(DateTimeOffset now)
    {
        if (Basis is null || !LawfulBasis.All.Contains(Basis, StringComparer.Ordinal))
        {
            return (null, Problems.InvalidField($"'consent.basis' must be one of: {string.Join(", ", LawfulBasis.All)}."));
        }

        var source = string.IsNullOrWhiteSpace(Source) ? null : Source.Trim();
        if (source is { Length: > ConsentRecord.MaxSourceLength } || (source is not null && source.Any(char.IsControl)))
        {
            return (null, Problems.InvalidField($"'consent.source' must be at most {ConsentRecord.MaxSourceLength} printable characters."));
        }

        var givenAt = GivenAt ?? now;
        if (givenAt > now + ClockSkew)
        {
            return (null, Problems.InvalidField("'consent.givenAt' is in the future."));
        }

        if (ExpiresAt is { } expires && (expires <= givenAt || expires <= now))
        {
            return (null, Problems.InvalidField("'consent.expiresAt' must be later than 'givenAt' and than now: an expired basis allows no processing."));
        }

        return (new ConsentRecord { Basis = Basis, Source = source, GivenAt = givenAt.ToUniversalTime(), ExpiresAt = ExpiresAt?.ToUniversalTime() }, null);
    }
}
