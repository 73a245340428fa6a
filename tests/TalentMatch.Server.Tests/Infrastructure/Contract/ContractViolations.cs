using System.Collections.Concurrent;
using System.Reflection;
using Xunit.v3;

[assembly: TalentMatch.Server.Tests.Infrastructure.Contract.ContractChecked]

namespace TalentMatch.Server.Tests.Infrastructure.Contract;

/// <summary>The contract violations seen during each running test, by the test's unique id.</summary>
public static class ContractViolations
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> ByTest = new();

    public static void Record(IReadOnlyList<string> violations)
    {
        if (violations.Count == 0)
        {
            return;
        }

        // Outside a test (a fixture setting up) nobody would read them later: fail the setup itself.
        var test = TestContext.Current.Test?.UniqueID
            ?? throw new InvalidOperationException("OpenAPI contract violated outside a test:\n" + string.Join("\n", violations));
        var queue = ByTest.GetOrAdd(test, _ => new ConcurrentQueue<string>());
        foreach (var violation in violations)
        {
            queue.Enqueue(violation);
        }
    }

    /// <summary>Removes and returns what was recorded for <paramref name="testId"/>.</summary>
    public static IReadOnlyList<string> Take(string testId) =>
        ByTest.TryRemove(testId, out var queue) ? queue.ToList() : [];
}

/// <summary>
/// Applied to the whole test assembly: a test whose HTTP traffic broke the OpenAPI contract fails,
/// with each violation (operation, status, JSON path) in the message.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class ContractCheckedAttribute : BeforeAfterTestAttribute
{
    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        var violations = ContractViolations.Take(test.UniqueID);
        if (violations.Count > 0)
        {
            throw new ContractViolationException(violations);
        }
    }
}

public sealed class ContractViolationException(IReadOnlyList<string> violations)
    : Exception($"The HTTP traffic of this test broke docs/openapi/v1.json ({violations.Count}):\n" + string.Join("\n", violations.Distinct()));
