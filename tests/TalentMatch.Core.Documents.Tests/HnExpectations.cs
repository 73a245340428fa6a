using System.Text.Json;

namespace TalentMatch.Core.Documents.Tests;

/// <summary>Compares a parsed job description with an HN case's "expected" block (the fields TalentMatch models).</summary>
internal static class HnExpectations
{
    public static IEnumerable<string> Check(JsonElement expected, ParsedJobDescription jd)
    {
        if (expected.TryGetProperty("is_job_posting", out var isJob) && isJob.GetBoolean() != jd.IsJobPosting)
            yield return $"is_job_posting {jd.IsJobPosting}";
        if (expected.TryGetProperty("role_count", out var count) && count.GetInt32() != jd.Roles.Count)
            yield return $"role_count {jd.Roles.Count} [{string.Join("; ", jd.Roles)}]";
        if (expected.TryGetProperty("role_count_min", out var countMin) && jd.Roles.Count < countMin.GetInt32())
            yield return $"role_count {jd.Roles.Count} < {countMin.GetInt32()} [{string.Join("; ", jd.Roles)}]";
        var blocks = new List<JsonElement>();
        if (expected.TryGetProperty("all_roles", out var all)) blocks.Add(all);
        if (expected.TryGetProperty("roles", out var roles))
        {
            foreach (var role in roles.EnumerateArray())
            {
                var contains = role.GetProperty("match_by").GetProperty("role_title_contains").EnumerateArray().Select(e => e.GetString()!).ToList();
                if (!jd.Roles.Any(r => contains.Any(c => r.Contains(c, StringComparison.OrdinalIgnoreCase))))
                    yield return $"no role contains any of [{string.Join(", ", contains)}] in [{string.Join("; ", jd.Roles)}]";
                blocks.Add(role.GetProperty("expect"));
            }
        }
        foreach (var block in blocks)
        {
            foreach (var failure in CheckFields(block, jd)) yield return failure;
        }
    }

    private static IEnumerable<string> CheckFields(JsonElement expect, ParsedJobDescription jd)
    {
        bool? isRemote = jd.WorkArrangement switch { WorkArrangement.Remote => true, WorkArrangement.Unknown => null, _ => false };
        foreach (var property in expect.EnumerateObject())
        {
            var v = property.Value;
            var failed = property.Name switch
            {
                "is_remote" => v.GetBoolean() != isRemote,
                "is_remote_in" => !v.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Null ? isRemote is null : e.GetBoolean() == isRemote),
                "salary_min" => v.ValueKind == JsonValueKind.Null ? jd.Salary is not null : jd.Salary?.Min != v.GetDecimal(),
                "salary_max" => v.ValueKind == JsonValueKind.Null ? jd.Salary is not null : jd.Salary?.Max != v.GetDecimal(),
                "salary_min_gte" => jd.Salary is null || jd.Salary.Min < v.GetDecimal(),
                "salary_max_lte" => jd.Salary is null || jd.Salary.Max > v.GetDecimal(),
                "salary_currency" => jd.Salary?.Currency != v.GetString(),
                "remote_regions_contain" => !v.EnumerateArray().All(e => jd.RemoteRegions.Any(r => r.Contains(e.GetString()!, StringComparison.OrdinalIgnoreCase))),
                "company_name" => !string.Equals(jd.Company, v.GetString(), StringComparison.OrdinalIgnoreCase),
                "company_name_contains" => !v.EnumerateArray().Any(e => jd.Company?.Contains(e.GetString()!, StringComparison.OrdinalIgnoreCase) == true),
                "locations_contain" => !v.EnumerateArray().All(e => jd.Location?.Contains(e.GetString()!, StringComparison.OrdinalIgnoreCase) == true),
                "employment_type" => ExpectedType(v.GetString()) != jd.EmploymentType,
                _ => false, // equity and company stage are not modelled
            };
            if (failed) yield return $"{property.Name}: expected {v}, got salary={jd.Salary} remote={jd.WorkArrangement} regions=[{string.Join(",", jd.RemoteRegions)}] company={jd.Company} location={jd.Location} type={jd.EmploymentType}";
        }
    }

    private static EmploymentType ExpectedType(string? value) => value?.ToUpperInvariant() switch
    {
        "FULL-TIME" => EmploymentType.FullTime,
        "PART-TIME" => EmploymentType.PartTime,
        "CONTRACT" => EmploymentType.Contract,
        "INTERNSHIP" => EmploymentType.Internship,
        _ => EmploymentType.Unknown,
    };
}
