using System.ComponentModel.DataAnnotations;

namespace TalentMatch.Modules.Console;

/// <summary><c>TalentMatch:Console</c>: the web console's settings.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "TalentMatch:Console";

    /// <summary>
    /// Where the console reaches the REST API (e.g. <c>http://api:8080</c> when the console runs in
    /// a process without the api module). Empty: this host's own first listening address, which
    /// is what the embedded mode needs.
    /// </summary>
    [Url]
    public string? ApiBaseUrl { get; set; }

    /// <summary>How long a sign-in lasts before the key must be given again.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long one call to the API may take before the page shows an error.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ApiTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
