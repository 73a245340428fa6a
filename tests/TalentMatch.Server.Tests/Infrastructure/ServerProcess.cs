using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TalentMatch.Server.Tests.Infrastructure;

/// <summary>
/// The server executable started as its own OS process, configured through environment
/// variables exactly as a container would be. Output is kept for the failure message.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private bool _disposed;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _standardOutput = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient(new Contract.ContractValidatingHandler(Contract.OpenApiContract.V1) { InnerHandler = new HttpClientHandler() }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string StandardOutput
    {
        get
        {
            lock (_output)
            {
                return _standardOutput.ToString();
            }
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Runs <c>TalentMatch.Server [args]</c> to completion (e.g. <c>migrate</c>); fails the test on
    /// a non-zero exit; returns what it printed on standard output.
    /// </summary>
    public static async Task<string> RunToCompletionAsync(string arguments, IReadOnlyDictionary<string, string> environment)
    {
        await using var server = Start(arguments, environment, port: null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await server._process.WaitForExitAsync(timeout.Token);
        Assert.True(server._process.ExitCode == 0, $"TalentMatch.Server {arguments} exited {server._process.ExitCode}:\n{server.Output}");
        return server.StandardOutput;
    }

    /// <summary>
    /// The environment of a process in distributed mode, as a container would get it: RabbitMQ,
    /// PostgreSQL, and a data directory for what stays on disk (the embedded search index).
    /// </summary>
    public static Dictionary<string, string> DistributedEnvironment(RabbitMqVirtualHost rabbit, PostgresDatabase database, string dataDirectory) => new()
    {
        ["TalentMatch__Messaging__Transport"] = "RabbitMq",
        ["TalentMatch__Messaging__RabbitMqUrl"] = rabbit.AmqpUrl.ToString(),
        ["TalentMatch__Database__Provider"] = "PostgreSql",
        ["TalentMatch__Database__ConnectionString"] = database.ConnectionString,
        ["TalentMatch__DataDirectory"] = dataDirectory,
    };

    /// <summary>SIGKILL: no shutdown hooks, no flushing; what survives is what was durably committed.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Sends <paramref name="key"/> with every request of <see cref="Client"/>.</summary>
    public void Authenticate(string key) =>
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

    /// <summary>Starts a server on a free loopback port and waits until <c>/health/ready</c> answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var server = Start("", environment, FreePort());
        // Two minutes: under CI's load (every test assembly at once on 2 cores) a start that takes 5 s alone has taken over 60.
        var deadline = TimeProvider.System.GetTimestamp() + (120 * TimeProvider.System.TimestampFrequency);
        while (TimeProvider.System.GetTimestamp() < deadline)
        {
            Assert.False(server._process.HasExited, $"server exited at start-up:\n{server.Output}");
            try
            {
                using var ready = await server.Client.GetAsync("/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        var output = server.Output;
        await server.DisposeAsync();
        Assert.Fail($"server not ready within 120 s:\n{output}");
        return null!;
    }

    public async ValueTask DisposeAsync()
    {
        // Idempotent: a test's finally block may dispose a process that a failed step already
        // disposed, and must not hide that step's failure behind an InvalidOperationException.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static ServerProcess Start(string arguments, IReadOnlyDictionary<string, string> environment, int? port)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{ServerAssembly()}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (port is not null)
        {
            info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port ?? 0}"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data, standardOutput: true);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data, standardOutput: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void Append(string? line, bool standardOutput)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (standardOutput)
            {
                _standardOutput.AppendLine(line);
            }
        }
    }

    /// <summary>The server's own build output (not the test's copy), built with the same configuration as the tests.</summary>
    private static string ServerAssembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory); // .../tests/X/bin/<Configuration>/<tfm>/
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var path = Path.Combine(RepositoryPaths.Root, "src", "Hosts", "TalentMatch.Server", "bin", configuration, framework, "TalentMatch.Server.dll");
        Assert.True(File.Exists(path), $"{path} not built");
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
