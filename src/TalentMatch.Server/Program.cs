using TalentMatch.Api;
using TalentMatch.Embedding;
using TalentMatch.Hosting;
using TalentMatch.Ingestion;
using TalentMatch.Search;

// `TalentMatch.Server`            runs the modules named by TalentMatch:Modules (all by default).
// `TalentMatch.Server migrate`    applies the database migrations of those modules, then exits.
var migrateOnly = args is ["migrate", ..];
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = migrateOnly ? args[1..] : args,
    // appsettings.json ships beside the executable; the working directory is where `data/` goes.
    ContentRootPath = AppContext.BaseDirectory,
});

builder.AddTalentMatchDefaults();
var modules = ServiceModules.Enabled(builder.Configuration);
if (modules.Contains(ServiceModules.Api))
{
    builder.AddApiService();
}

if (modules.Contains(ServiceModules.Ingestion))
{
    builder.AddIngestionService();
}

if (modules.Contains(ServiceModules.Embedding))
{
    builder.AddEmbeddingService();
}

if (modules.Contains(ServiceModules.Search))
{
    builder.AddSearchService();
}

builder.AddTalentMatchMessaging();

var app = builder.Build();

if (migrateOnly)
{
    await app.Services.MigrateDatabasesAsync();
    app.Logger.LogInformation("Migrations applied for {Modules}", string.Join(", ", modules));
    return;
}

// Only the embedded database migrates itself: a server database changes through the explicit
// `migrate` step, so that several instances starting together never race on the schema.
if (DatabaseOptions.From(app.Configuration).Provider == DatabaseProvider.Sqlite)
{
    await app.Services.MigrateDatabasesAsync();
}

app.MapTalentMatchEndpoints();
app.Logger.LogInformation("TalentMatch running modules: {Modules}", string.Join(", ", modules));
await app.RunAsync();

/// <summary>Visible to the HTTP tests (WebApplicationFactory).</summary>
public partial class Program;
