using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TalentMatch.Server.Tests;

/// <summary>A webhook receiver on loopback: records every request, answers with planned statuses (200 otherwise).</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>In the body and the reason phrase of every error answer.</summary>
    public const string ErrorMarker = "receiver-secret-7f3a9c";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _plans = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private WebApplication? _app;

    /// <summary>Runs on each request before it is answered: what a receiver does "at once" when notified.</summary>
    public Func<ReceivedRequest, Task>? OnReceived { get; set; }
    private string _base = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var path = context.Request.Path.Value ?? "";
            var request = new ReceivedRequest(
                path,
                context.Request.ContentType,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                buffer.ToArray());
            if (OnReceived is { } onReceived)
            {
                await onReceived(request);
            }

            _received.Enqueue(request);
            var status = _plans.TryGetValue(path, out var plan) && plan.TryDequeue(out var planned) ? planned : 200;
            context.Response.StatusCode = status;
            if (status >= 300)
            {
                // A hostile or internal receiver's own words: none of them may reach the delivery log.
                context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = $"planned reason {ErrorMarker}";
                await context.Response.WriteAsync($"planned failure {status} {ErrorMarker}\n{new string('x', 5000)}");
            }
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _base = address.TrimEnd('/');
    }

    public string Url(string path) => _base + path;

    /// <summary>The next requests to <paramref name="path"/> get these statuses, in order.</summary>
    public void Plan(string path, params int[] statuses) => _plans[path] = new ConcurrentQueue<int>(statuses);

    public List<ReceivedRequest> Received(string path) => [.. _received.Where(r => r.Path == path)];

    public async Task<List<ReceivedRequest>> WaitForAsync(string path, int count, TimeSpan? patience = null)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)((patience ?? TimeSpan.FromSeconds(60)).TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (TimeProvider.System.GetTimestamp() < deadline)
        {
            var received = Received(path);
            if (received.Count >= count)
            {
                return received;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"the receiver got {Received(path).Count} of {count} requests on {path}");
        return [];
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

internal sealed record ReceivedRequest(string Path, string? ContentType, Dictionary<string, string> Headers, byte[] Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"no {name} header");
}
