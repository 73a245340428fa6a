namespace TalentMatch.Tests;

/// <summary>
/// Whether Testcontainers can run here: a Docker engine (not just the CLI) answers on its socket
/// or at DOCKER_HOST. Shared by the test projects that start containers (linked, not referenced).
/// </summary>
public static class DockerEngine
{
    public static bool Answers()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")))
        {
            return true;
        }

        const string socket = "/var/run/docker.sock";
        if (!File.Exists(socket))
        {
            return false;
        }

        try
        {
            using var client = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            client.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(socket));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>Skips the calling test, saying why, when no Docker engine answers (also under CI: these machines have none).</summary>
    public static void RequireOrSkip(string what)
    {
        if (!Answers())
        {
            Assert.Skip($"No Docker engine answers (no /var/run/docker.sock, no DOCKER_HOST), so the {what} container cannot start here.");
        }
    }
}
