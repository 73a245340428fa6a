using System.Net;
using System.Text.Json;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>The probes a container platform calls.</summary>
public class HealthTests
{
    [Fact]
    public async Task Readiness_names_each_dependency()
    {
        await using var app = TalentMatchApp.Embedded();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        var checks = report.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["ApiDbContext"]);
        Assert.Equal("Healthy", checks["MatchingDbContext"]);
        Assert.Equal("Healthy", checks["NotificationsDbContext"]);
        Assert.Contains(checks, c => c.Key.Contains("masstransit", StringComparison.OrdinalIgnoreCase) && c.Value == "Healthy");
    }

    [Fact]
    public async Task Readiness_fails_naming_the_dependency_that_is_down_and_nothing_about_it()
    {
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now
        await using var app = TalentMatchApp.Embedded(new()
        {
            ["TalentMatch:Modules"] = "api",
            ["TalentMatch:Database:Provider"] = "PostgreSql",
            ["TalentMatch:Database:ConnectionString"] = $"Host=127.0.0.1;Port={port};Username=probe;Password=s3cret;Database=talentmatch;Timeout=2",
        });
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var report = JsonDocument.Parse(body);
        Assert.Equal("Unhealthy", report.RootElement.GetProperty("status").GetString());
        var checks = report.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks["ApiDbContext"]);
        Assert.Contains(checks, c => c.Key.Contains("masstransit", StringComparison.OrdinalIgnoreCase) && c.Value == "Healthy");
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("probe", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Liveness_needs_no_dependency()
    {
        await using var app = TalentMatchApp.Embedded();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
