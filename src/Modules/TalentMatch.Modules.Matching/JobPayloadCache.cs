using System.Collections.Concurrent;

namespace TalentMatch.Modules.Matching;

/// <summary>
/// Jobs' stored profiles, read (JSON, vector included) once per version instead of once per candidate: proactive
/// matching of every new resume retrieves up to <see cref="MatchingOptions.RetrievalDepth"/> open jobs, and reading
/// their payloads again for each resume was most of its cost (issue #22). Jobs only: a resume is personal data, and a
/// cached copy would be one more place an erasure must reach. Keyed by tenant and job; an entry is used only for the
/// version the database names now, so an edited job is never matched as it was. Bounded: past
/// <see cref="Capacity"/> entries it is emptied (simple, and a refill costs what a miss always cost).
/// </summary>
public sealed class JobPayloadCache
{
    /// <summary>Most jobs held, about 5 KB each (a 384-float vector and the skills).</summary>
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<(string TenantId, Guid JobId), (string Version, ProfilePayload Payload)> _entries = new();

    public bool TryGet(string tenantId, Guid jobId, string version, out ProfilePayload payload)
    {
        if (_entries.TryGetValue((tenantId, jobId), out var entry) && entry.Version == version)
        {
            payload = entry.Payload;
            return true;
        }

        payload = null!;
        return false;
    }

    public void Set(string tenantId, Guid jobId, string version, ProfilePayload payload)
    {
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[(tenantId, jobId)] = (version, payload);
    }

    /// <summary>A deleted job leaves the cache with its stored profile.</summary>
    public void Remove(string tenantId, Guid jobId) => _entries.TryRemove((tenantId, jobId), out _);
}
