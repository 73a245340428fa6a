using System.Reflection;
using TalentMatch.Contracts;

namespace TalentMatch.Contracts.Tests;

public class ContractRulesTests
{
    private static readonly Type[] MessageTypes = typeof(ResumeSubmitted).Assembly.GetExportedTypes()
        .Where(t => t.IsClass && t.Namespace == "TalentMatch.Contracts")
        .ToArray();

    [Fact]
    public void Every_message_is_a_sealed_record()
    {
        Assert.NotEmpty(MessageTypes);
        foreach (var type in MessageTypes)
        {
            Assert.True(type.IsSealed, $"{type.Name} must be sealed");
            // Records have a compiler-generated EqualityContract property.
            Assert.NotNull(type.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance));
        }
    }

    // Records that travel inside messages rather than as messages. A new one must be added here
    // on purpose: anything else published on the bus has to say whose data it is.
    private static readonly Type[] ValueTypes =
        [typeof(ExtractedSkill), typeof(ProfileFacts), typeof(Compensation), typeof(TextSpan), typeof(CandidateMatch), typeof(RoleMatch), typeof(DuplicateGroupAssignment), typeof(ContactHashes), typeof(SavedSearchMatch)];

    // Key validation resolves the tenant, so it cannot carry one.
    private static readonly Type[] AccessMessages = [typeof(ApiKeyValidationRequested), typeof(ApiKeyValidated)];

    [Fact]
    public void Every_pipeline_message_carries_the_tenant()
    {
        foreach (var type in MessageTypes.Except(ValueTypes).Except(AccessMessages))
        {
            var tenant = type.GetProperty("TenantId");
            Assert.True(tenant is not null && tenant.PropertyType == typeof(string), $"{type.Name} has no TenantId");
        }
    }

    [Fact]
    public void The_contracts_assembly_references_no_packages()
    {
        var references = typeof(ResumeSubmitted).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard")
            .ToArray();
        Assert.Empty(references);
    }
}
