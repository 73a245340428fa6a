using TalentMatch.Modules.Api;
using TalentMatch.Modules.Api.Access;
using TalentMatch.Modules.Console;
using TalentMatch.Modules.Embedding;
using TalentMatch.Modules.Ingestion;
using TalentMatch.Modules.Insights;
using TalentMatch.Modules.Matching;
using TalentMatch.Modules.Notifications;
using TalentMatch.Modules.Search;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Persistence;
using TalentMatch.Platform.ServiceDefaults;
using TalentMatch.Server;

// TalentMatch.Server                          runs the modules named by TalentMatch:Modules (all by default).
// TalentMatch.Server migrate                  applies the database migrations of those modules, then exits.
// TalentMatch.Server bootstrap <tenant> [name] creates a tenant and prints its first (admin) API key.
// TalentMatch.Server dead-letters list|replay [queue ...] [--message-id <id>] shows or replays what failed every retry.
// Anything after the command's own arguments is host configuration (--TalentMatch:Modules=api, ...).
var command = args is [var first, ..] && first is "migrate" or "bootstrap" or "dead-letters" ? first : null;
string[] commandArgs = command is null ? [] : [.. args.Skip(1).TakeWhile(a => !a.StartsWith('-'))];
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = command is null ? args : [.. args.Skip(1 + commandArgs.Length)],
    // appsettings.json ships beside the executable; the working directory is where `data/` goes.
    ContentRootPath = AppContext.BaseDirectory,
});

if (command is not null)
{
    // A command's standard output is its result (the bootstrap key): logs go to standard error.
    builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(
        console => console.LogToStandardErrorThreshold = LogLevel.Trace);
}

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

if (modules.Contains(ServiceModules.Matching))
{
    builder.AddMatchingService();
}

if (modules.Contains(ServiceModules.Notifications))
{
    builder.AddNotificationsService();
}

if (modules.Contains(ServiceModules.Insights))
{
    builder.AddInsightsService();
}

if (modules.Contains(ServiceModules.Console))
{
    builder.AddConsoleService();
}

builder.AddTalentMatchMessaging();
// Read before Build (and only for this command): the consumers the enabled modules registered name their error queues.
IReadOnlyList<string> errorQueues = command == "dead-letters" ? DeadLetterQueues.ErrorQueuesOf(builder.Services) : [];

var app = builder.Build();
var embedded = DatabaseOptions.From(app.Configuration).Provider == DatabaseProvider.Sqlite;

switch (command)
{
    case "migrate":
        await app.Services.MigrateDatabasesAsync();
        app.Logger.LogInformation("Migrations applied for {Modules}", string.Join(", ", modules));
        return 0;
    case "bootstrap":
        if (commandArgs.Length is < 1 or > 2 || !modules.Contains(ServiceModules.Api))
        {
            await Console.Error.WriteLineAsync("usage: TalentMatch.Server bootstrap <tenant-id> [display name]   (with the api module enabled)");
            return 2;
        }

        if (embedded)
        {
            await app.Services.MigrateDatabasesAsync();
        }

        var created = await app.Services.GetRequiredService<ApiKeyStore>()
            .CreateTenantAsync(commandArgs[0], commandArgs.ElementAtOrDefault(1) ?? commandArgs[0], CancellationToken.None);
        // The only place the key is ever shown: stdout, for the operator to store.
        Console.WriteLine(created.Secret);
        return 0;
    case "dead-letters":
        return await DeadLetterCommand.RunAsync(commandArgs, errorQueues,
            app.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions(),
            app.Configuration["message-id"], Console.Out, Console.Error, CancellationToken.None);
}

// Only the embedded database migrates itself: a server database changes through the explicit
// `migrate` step, so that several instances starting together never race on the schema.
if (embedded)
{
    await app.Services.MigrateDatabasesAsync();
    if (modules.Contains(ServiceModules.Api))
    {
        await ApiBootstrap.EnsureEmbeddedTenantAsync(app.Services, DataDirectory.Resolve(app.Configuration), app.Logger);
    }
}

app.MapTalentMatchEndpoints();
app.Logger.LogInformation("TalentMatch running modules: {Modules}", string.Join(", ", modules));
await app.RunAsync();
return 0;

/// <summary>Visible to the HTTP tests (WebApplicationFactory).</summary>
public partial class Program;
