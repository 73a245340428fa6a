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
    public async Task A_locked_database_is_waited_for_inside_sqlite_not_in_the_providers_150_ms_sleeps()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = TalentMatchApp.Embedded([]);
        await using var holderScope = app.Services.CreateAsyncScope();
        await using var waiterScope = app.Services.CreateAsyncScope();
        var holder = holderScope.ServiceProvider.GetRequiredService<ApiDbContext>();
        var waiter = waiterScope.ServiceProvider.GetRequiredService<ApiDbContext>();

        // SqliteBusyWait's handler replaced busy_timeout (SQLite clears the timeout when a handler is set).
        Assert.Equal(0, await PragmaAsync(waiter, "busy_timeout", ct));

        // The holder takes the writer for 2 s; the waiter's command may run for 1 s. Microsoft.Data.Sqlite's own retries
        // give up at the command timeout; a wait inside SQLite (the handler, up to 5 s) is one step of the command and
        // ends when the writer is free. So the waiter succeeds only if it waits inside SQLite.
        await holder.Database.OpenConnectionAsync(ct);
        await using (var held = await holder.Database.BeginTransactionAsync(ct))
        {
            await waiter.Database.OpenConnectionAsync(ct);
            waiter.Database.SetCommandTimeout(1);
            var waiting = Task.Run(async () =>
            {
                await waiter.Database.ExecuteSqlRawAsync("BEGIN IMMEDIATE;", ct);
                await waiter.Database.ExecuteSqlRawAsync("COMMIT;", ct);
            }, ct);
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            Assert.False(waiting.IsCompleted, "the waiter had the writer while the holder held it");
            await held.CommitAsync(ct);
            await waiting; // throws "database is locked" if the wait was the provider's
        }

        await waiter.Database.CloseConnectionAsync();
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

    /// <summary>Answers requests no endpoint matched with the synchronous setting of an api database connection opened there.</summary>
    private sealed class SynchronousProbe : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(async context =>
            {
                if (context.Request.Path != "/probe/synchronous")
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                var db = context.RequestServices.GetRequiredService<ApiDbContext>();
                await context.Response.WriteAsync((await SynchronousAsync(db, context.RequestAborted)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            });
        };
    }
}
