using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Contracts;
using TalentMatch.Modules.Matching;
using TalentMatch.Modules.Matching.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Persistence;
using TalentMatch.Server.Tests.Infrastructure;

namespace TalentMatch.Server.Tests;

/// <summary>
/// A message that fails every retry lands in its queue's <c>_error</c> queue on RabbitMQ with the
/// reason, is listed by <c>TalentMatch.Server dead-letters list</c>, and once the cause is fixed
/// is consumed after <c>dead-letters replay</c>.
/// </summary>
public sealed class DeadLetterTests
{
    private const string Queue = "talentmatch-profile-store";
    private const string ErrorQueue = Queue + "_error";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_poison_message_keeps_its_reason_in_the_error_queue_and_is_consumed_after_a_fix_and_a_replay()
    {
        await using var rabbit = await RabbitMqVirtualHost.CreateAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        await using var app = TalentMatchApp.Distributed(rabbit, database, new() { ["TalentMatch:Messaging:QueueDepthInterval"] = "00:00:00.200" });
        await app.Services.MigrateDatabasesAsync(Ct);
        var (tenant, _) = await app.CreateTenantClientAsync();
        using var metrics = new MetricRecorder(app.Services.GetRequiredService<IMeterFactory>());
        var messaging = new MessagingOptions { Transport = MessageTransport.RabbitMq, RabbitMqUrl = rabbit.AmqpUrl.ToString() };

        // A tenant's matching settings corrupted in the database (an operator's hand edit): storing and matching
        // the tenant's next profile fails on every retry, reading the weights.
        await WriteWeightOverridesAsync(app, tenant, "{ not json");
        var candidateId = Guid.NewGuid();
        var poisonId = Guid.NewGuid();
        var bus = app.Services.GetRequiredService<IBus>();
        await bus.Publish(new ProfileEmbedded(candidateId, tenant, DocumentKind.Resume, null, "PyTorch engineer", [],
            UnitVector(384), "test-model", null, 1), c => c.MessageId = poisonId, Ct);

        var broker = new DeadLetterQueues(rabbit.AmqpUrl);
        await Eventually.HoldsAsync(async () => (await broker.CountAsync([ErrorQueue], Ct))[ErrorQueue] == 1, "the poison message in the error queue");

        var letter = Assert.Single(await broker.PeekAsync([ErrorQueue], max: 10, Ct));
        Assert.Equal(poisonId.ToString(), letter.MessageId, ignoreCase: true);
        Assert.Equal(Queue, letter.SourceQueue);
        Assert.StartsWith("System.Text.Json.", letter.ExceptionType, StringComparison.Ordinal); // JsonReaderException, internal
        Assert.False(string.IsNullOrWhiteSpace(letter.Reason));
        Assert.Contains(nameof(ProfileEmbedded), letter.MessageType, StringComparison.Ordinal);
        Assert.NotNull(letter.FaultedAt);
        // Peeking left it there.
        Assert.Equal(1u, (await broker.CountAsync([ErrorQueue], Ct))[ErrorQueue]);

        // Operators see it in the metrics too (and an empty consumer queue beside it).
        await Eventually.HoldsAsync(() =>
        {
            metrics.CollectObservables();
            return metrics.LastOrNull("talentmatch.queue.dead_letters", ("queue", ErrorQueue)) == 1;
        }, "talentmatch.queue.dead_letters = 1 for the error queue");
        metrics.CollectObservables();
        Assert.Equal(0, metrics.Last("talentmatch.queue.depth", ("queue", Queue)));

        // The command an operator runs shows the same.
        var listed = new StringWriter();
        Assert.Equal(0, await DeadLetterCommand.RunAsync(["list"], [ErrorQueue], messaging, null, listed, TextWriter.Null, Ct));
        Assert.Contains(poisonId.ToString(), listed.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("System.Text.Json.", listed.ToString(), StringComparison.Ordinal);

        // The fix: valid settings again. Then the replay.
        await WriteWeightOverridesAsync(app, tenant, "{}");

        var replayOutput = new StringWriter();
        Assert.Equal(0, await DeadLetterCommand.RunAsync(["replay", Queue], [], messaging, null, replayOutput, TextWriter.Null, Ct));
        Assert.Contains("replayed 1", replayOutput.ToString(), StringComparison.Ordinal);

        // Consumed this time, under its own id; nothing left in the error queue.
        await Eventually.HoldsAsync(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<MatchingDbContext>().Set<ProcessedMessage>()
                .AnyAsync(m => m.MessageId == poisonId && m.Consumer == nameof(ProfileStoreConsumer), Ct);
        }, "the replayed message consumed");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<MatchingDbContext>().Profiles
                .AnyAsync(p => p.TenantId == tenant && p.Id == candidateId, Ct), "the profile stored");
        }

        Assert.Equal(0u, (await broker.CountAsync([ErrorQueue], Ct))[ErrorQueue]);
    }

    [Fact]
    public async Task The_command_refuses_the_in_memory_bus_and_bad_arguments_with_usage()
    {
        var error = new StringWriter();
        Assert.Equal(2, await DeadLetterCommand.RunAsync(["list"], [], new MessagingOptions(), null, TextWriter.Null, error, Ct));
        Assert.Contains("in-memory bus keeps no dead letters", error.ToString(), StringComparison.Ordinal);

        error = new StringWriter();
        Assert.Equal(2, await DeadLetterCommand.RunAsync(["purge"], [], new MessagingOptions { Transport = MessageTransport.RabbitMq }, null, TextWriter.Null, error, Ct));
        Assert.Contains("usage:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_error_queues_are_those_of_the_enabled_modules_consumers()
    {
        var services = new ServiceCollection();
        services.AddScoped<ProfileStoreConsumer>();
        services.AddScoped<TalentMatch.Modules.Search.ProfileEmbeddedConsumer>();
        services.AddSingleton<object>(new object());

        Assert.Equal(["talentmatch-profile-embedded_error", "talentmatch-profile-store_error"], DeadLetterQueues.ErrorQueuesOf(services));
    }

    private static async Task WriteWeightOverridesAsync(TalentMatchApp app, string tenant, string json)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var settings = await db.TenantSettings.SingleOrDefaultAsync(t => t.TenantId == tenant, Ct);
        if (settings is null)
        {
            settings = new TenantMatchSettings { TenantId = tenant, WeightOverrides = json };
            db.TenantSettings.Add(settings);
        }

        settings.WeightOverrides = json;
        await db.SaveChangesAsync(Ct);
    }

    private static float[] UnitVector(int dimensions)
    {
        var vector = new float[dimensions];
        vector[0] = 1;
        return vector;
    }
}
