using System.Net.Http.Headers;
using System.Net.Sockets;
using Npgsql;

namespace TalentMatch.Server.Tests.Infrastructure;

/// <summary>
/// The real servers the distributed-mode tests use, named by environment variables (.ci/run sets
/// them after starting RabbitMQ and PostgreSQL). Missing or unreachable: the test is skipped with
/// the reason, except under CI=true, where it fails: CI must never pass by skipping.
/// </summary>
public static class TestServers
{
    public const string RabbitMqUrlVariable = "TALENTMATCH_TEST_RABBITMQ_URL";
    public const string RabbitMqManagementUrlVariable = "TALENTMATCH_TEST_RABBITMQ_MANAGEMENT_URL";
    public const string PostgresVariable = "TALENTMATCH_TEST_POSTGRES";

    private static readonly string[] RabbitMqCtlPaths = ["/usr/sbin/rabbitmqctl", "/usr/lib/rabbitmq/bin/rabbitmqctl"];

    private static readonly string[] RestartSteps = ["stop_app", "start_app", "await_startup"];

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The AMQP URL (without a virtual host) and the management API URL.</summary>
    public static (Uri Amqp, Uri Management) RequireRabbitMq()
    {
        var amqp = Require(RabbitMqUrlVariable, "amqp://guest:guest@localhost:5672/");
        var management = Require(RabbitMqManagementUrlVariable, "http://guest:guest@localhost:15672/");
        var amqpUri = new Uri(amqp);
        RequireReachable("RabbitMQ", amqpUri.Host, amqpUri.Port);
        var managementUri = new Uri(management);
        RequireReachable("RabbitMQ management", managementUri.Host, managementUri.Port);
        return (amqpUri, managementUri);
    }

    /// <summary>A connection string to a PostgreSQL server whose user may create databases.</summary>
    public static string RequirePostgres()
    {
        var connectionString = Require(PostgresVariable, "Host=localhost;Username=postgres;Password=postgres");
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        RequireReachable("PostgreSQL", builder.Host ?? "localhost", builder.Port);
        return connectionString;
    }

    public static AuthenticationHeaderValue BasicAuth(Uri uri) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(uri.UserInfo))));

    private static string Require(string variable, string example)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        Unavailable($"{variable} is not set (e.g. {variable}={example}); .ci/run sets it after starting the server.");
        return null!;
    }

    private static void RequireReachable(string name, string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            if (client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(3)))
            {
                return;
            }
        }
        catch (AggregateException)
        {
            // Refused: reported below.
        }

        Unavailable($"{name} is not reachable at {host}:{port}.");
    }

    /// <summary>
    /// Stops and starts the local RabbitMQ application (queues, messages and virtual hosts
    /// survive: they are durable). Needs <c>rabbitmqctl</c> with rights over the broker, as
    /// .ci/run has (root, broker started from the Debian package).
    /// </summary>
    public static async Task RestartRabbitMqAsync()
    {
        var rabbitmqctl = RabbitMqCtlPaths.FirstOrDefault(File.Exists);
        if (rabbitmqctl is null)
        {
            Unavailable("rabbitmqctl is not installed here, so the broker cannot be restarted by the test.");
        }

        foreach (var step in RestartSteps)
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(rabbitmqctl!, step)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                Unavailable($"rabbitmqctl {step} exited {process.ExitCode}: {await output}{await error}");
            }
        }
    }

    private static void Unavailable(string reason)
    {
        if (IsCi)
        {
            Assert.Fail($"CI=true and a required server is missing: {reason}");
        }

        Assert.Skip(reason);
    }
}
