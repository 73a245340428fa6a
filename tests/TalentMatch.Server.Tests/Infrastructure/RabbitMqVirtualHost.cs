using System.Net.Http.Json;

namespace TalentMatch.Server.Tests.Infrastructure;

/// <summary>
/// A fresh RabbitMQ virtual host per test, created and deleted through the management API, so
/// that tests never share queues or exchanges (and leave nothing behind on the broker).
/// </summary>
public sealed class RabbitMqVirtualHost : IAsyncDisposable
{
    private readonly HttpClient _management;

    private RabbitMqVirtualHost(HttpClient management, string name, Uri amqpUrl)
    {
        _management = management;
        Name = name;
        AmqpUrl = amqpUrl;
    }

    public string Name { get; }

    /// <summary>AMQP URL with credentials and this virtual host.</summary>
    public Uri AmqpUrl { get; }

    public static async Task<RabbitMqVirtualHost> CreateAsync()
    {
        var (amqp, managementUrl) = TestServers.RequireRabbitMq();
        var name = $"talentmatch-test-{Guid.NewGuid():N}";
        var management = new HttpClient { BaseAddress = new Uri(managementUrl.GetLeftPart(UriPartial.Authority)) };
        management.DefaultRequestHeaders.Authorization = TestServers.BasicAuth(managementUrl);
        var user = Uri.UnescapeDataString(managementUrl.UserInfo.Split(':')[0]);

        (await management.PutAsJsonAsync($"/api/vhosts/{name}", new { })).EnsureSuccessStatusCode();
        (await management.PutAsJsonAsync($"/api/permissions/{name}/{Uri.EscapeDataString(user)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();

        var url = new UriBuilder(amqp) { Path = "/" + name }.Uri;
        return new RabbitMqVirtualHost(management, name, url);
    }

    public async ValueTask DisposeAsync()
    {
        using (await _management.DeleteAsync($"/api/vhosts/{Name}"))
        {
        }

        _management.Dispose();
    }
}
