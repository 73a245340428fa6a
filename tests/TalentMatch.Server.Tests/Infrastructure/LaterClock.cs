namespace TalentMatch.Server.Tests.Infrastructure;

/// <summary>The real clock moved forward: a time provider for one sweep or pruner run by a test.</summary>
public sealed class LaterClock(TimeSpan ahead) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
}
