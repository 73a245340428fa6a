using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Modules.Api.Access;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Persistence;
using TalentMatch.Platform.Security;
using TalentMatch.Server.Tests.Infrastructure.Contract;

namespace TalentMatch.Server.Tests.Infrastructure;

/// <summary>
/// The real server (all modules, real ONNX model, real Lucene index) in-process, configured the
/// way an operator would: through TalentMatch:* settings. Each instance has its own data directory.
/// </summary>
public sealed class TalentMatchApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private TalentMatchApp(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _services = services;
        DataDirectory = Directory.CreateTempSubdirectory("talentmatch-test-").FullName;
        _settings = new Dictionary<string, string?>(settings) { ["TalentMatch:DataDirectory"] = DataDirectory };
    }

    public string DataDirectory { get; }

    /// <summary>The ASP.NET environment: Production unless a test asks for another (Development is what <c>dotnet run</c> gives).</summary>
    public string Environment { get; set; } = "Production";

    /// <summary>Embedded defaults: SQLite file, in-memory bus, on-disk index.</summary>
    public static TalentMatchApp Embedded(Dictionary<string, string?>? settings = null) => new(settings ?? []);

    /// <summary>Embedded, with services a test adds after the server's own (an in-memory telemetry exporter, …).</summary>
    public static TalentMatchApp Embedded(Dictionary<string, string?> settings, Action<IServiceCollection> services) => new(settings, services);

    /// <summary>Distributed: RabbitMQ and PostgreSQL as real servers.</summary>
    public static TalentMatchApp Distributed(RabbitMqVirtualHost rabbit, PostgresDatabase database, Dictionary<string, string?>? settings = null) => new(
        new Dictionary<string, string?>(settings ?? [])
        {
            ["TalentMatch:Messaging:Transport"] = nameof(MessageTransport.RabbitMq),
            ["TalentMatch:Messaging:RabbitMqUrl"] = rabbit.AmqpUrl.ToString(),
            ["TalentMatch:Database:Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["TalentMatch:Database:ConnectionString"] = database.ConnectionString,
        });

    /// <summary>
    /// A new tenant (unique id) and a client holding one of its keys with <paramref name="scopes"/>
    /// (admin when none are given), created the way the bootstrap command and the key API do.
    /// </summary>
    public async Task<(string TenantId, HttpClient Client)> CreateTenantClientAsync(params string[] scopes)
    {
        var tenantId = "t-" + Guid.NewGuid().ToString("N")[..12];
        var store = Services.GetRequiredService<ApiKeyStore>();
        var admin = await store.CreateTenantAsync(tenantId, tenantId, CancellationToken.None);
        var key = admin.Secret;
        if (scopes.Length > 0)
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApiDbContext>();
            key = store.Create(db, tenantId, "test key", scopes).Secret;
            await db.SaveChangesAsync();
        }

        return (tenantId, ClientWithKey(key));
    }

    /// <summary>
    /// A client as WebApplicationFactory makes one (redirects followed, cookies kept), whose every
    /// exchange is checked against docs/openapi/v1.json (<see cref="ContractValidatingHandler"/>).
    /// Hides the base method on purpose: every test reaches the server through this one.
    /// </summary>
    public new HttpClient CreateClient() => CreateDefaultClient(
        ClientOptions.BaseAddress,
        new RedirectHandler(ClientOptions.MaxAutomaticRedirections),
        new CookieContainerHandler(),
        new ContractValidatingHandler(OpenApiContract.V1));

    public HttpClient ClientWithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Production by default: errors must look the way clients will see them, not like the developer page.
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    /// <summary>
    /// Stops the server the way a shutdown does (hosted services stop, connections close) but keeps
    /// the data directory, so that a test can look at what is left on disk; DisposeAsync deletes it.
    /// </summary>
    public async Task StopServerAsync() => await base.DisposeAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finalising handle; the OS temp cleaner will get it.
        }
    }
}
