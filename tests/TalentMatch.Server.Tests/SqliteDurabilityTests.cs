using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// SqliteCommitDurability on the real embedded server: a connection opened for an HTTP request commits with
/// synchronous=FULL (what the api answered survives a power loss), one opened by background work with NORMAL (issue #22).
/// </summary>
public class SqliteDurabilityTests
{
    private const int Normal = 1, Full = 2;

    [Fact]
    public async Task A_request_commits_with_full_sync_and_background_work_with_normal()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = TalentMatchApp.Embedded([], services => services.AddSingleton<IStartupFilter>(new SynchronousProbe()));
        _ = app.Services; // starts the server (migrations)

        // Background work: a scope of its own, as a consumer or a sweep has.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(Normal, await SynchronousAsync(scope.ServiceProvider.GetRequiredService<ApiDbContext>(), ct));
        }

        // A request: the probe runs after the server's own pipeline, inside the request's flow. (Not a documented
        // endpoint, so not through the contract-checking client.)
        using var client = app.Server.CreateClient();
        Assert.Equal(Full.ToString(System.Globalization.CultureInfo.InvariantCulture), await client.GetStringAsync(new Uri("/probe/synchronous", UriKind.Relative), ct));

        // And the pooled connection the request used is NORMAL again for background work.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(Normal, await SynchronousAsync(scope.ServiceProvider.GetRequiredService<ApiDbContext>(), ct));
        }
    }

    [Fact]
    public async Task A_locked_database_is_waited_for_inside_sqlite_by_a_handler_not_in_the_providers_150_ms_sleeps()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = TalentMatchApp.Embedded([], services => services.AddSingleton<IStartupFilter>(new SynchronousProbe()));
        using var client = app.Server.CreateClient();

        // Every connection has SqliteBusyWait's handler instead of busy_timeout (SQLite clears the timeout when a handler
        // is set): background work's and a request's.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await PragmaAsync(scope.ServiceProvider.GetRequiredService<ApiDbContext>(), "busy_timeout", ct));
        }

        Assert.Equal("0", await client.GetStringAsync(new Uri("/probe/busy_timeout", UriKind.Relative), ct));

        // The holder takes the writer for 2 s; the request's command may run for 1 s. Microsoft.Data.Sqlite's own retries
        // give up at the command timeout; a wait inside SQLite (the handler, up to 5 s) is one step of the command and ends
        // when the writer is free. So the request succeeds only if it waits inside SQLite.
        await using var holderScope = app.Services.CreateAsyncScope();
        var holder = holderScope.ServiceProvider.GetRequiredService<ApiDbContext>();
        await holder.Database.OpenConnectionAsync(ct);
        await using (var held = await holder.Database.BeginTransactionAsync(ct))
        {
            var waiting = client.GetAsync(new Uri("/probe/write", UriKind.Relative), ct);
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            Assert.False(waiting.IsCompleted, "the request had the writer while the holder held it");
            await held.CommitAsync(ct);
            using var response = await waiting;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // a 500 if the request's wait was the provider's
        }

        await holder.Database.CloseConnectionAsync();
    }

    private static Task<long> SynchronousAsync(ApiDbContext db, CancellationToken ct) => PragmaAsync(db, "synchronous", ct);

    private static async Task<long> PragmaAsync(ApiDbContext db, string pragma, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"PRAGMA {pragma};";
            return (long)(await command.ExecuteScalarAsync(ct))!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Answers requests no endpoint matched: a pragma of an api database connection opened there, or a write.</summary>
    private sealed class SynchronousProbe : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(async context =>
            {
                var db = context.RequestServices.GetRequiredService<ApiDbContext>();
                switch (context.Request.Path.Value)
                {
                    case "/probe/synchronous" or "/probe/busy_timeout":
                        var pragma = context.Request.Path.Value["/probe/".Length..];
                        await context.Response.WriteAsync((await PragmaAsync(db, pragma, context.RequestAborted)).ToString(System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    case "/probe/write":
                        // Takes the writer and lets it go, with a command timeout of 1 s.
                        db.Database.SetCommandTimeout(1);
                        await db.Database.OpenConnectionAsync(context.RequestAborted);
                        await db.Database.ExecuteSqlRawAsync("BEGIN IMMEDIATE;", context.RequestAborted);
                        await db.Database.ExecuteSqlRawAsync("COMMIT;", context.RequestAborted);
                        await db.Database.CloseConnectionAsync();
                        await context.Response.WriteAsync("written");
                        break;
                    default:
                        context.Response.StatusCode = StatusCodes.Status404NotFound;
                        break;
                }
            });
        };
    }
}
