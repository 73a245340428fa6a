using Microsoft.Extensions.Configuration;

namespace TalentMatch.Platform.ServiceDefaults;

/// <summary>
/// The names of the service modules a host can run. One host executable runs the modules its
/// configuration names (<c>TalentMatch:Modules</c>, comma-separated); all of them by default,
/// which is the embedded mode. Container images differ only in this setting.
/// </summary>
public static class ServiceModules
{
    public const string Api = "api";
    public const string Ingestion = "ingestion";
    public const string Embedding = "embedding";
    public const string Search = "search";
    public const string Matching = "matching";
    public const string Notifications = "notifications";
    public const string Insights = "insights";

    public const string Console = "console";

    public static readonly IReadOnlyList<string> All = [Api, Ingestion, Embedding, Search, Matching, Notifications, Insights, Console];

    public static IReadOnlySet<string> Enabled(IConfiguration configuration)
    {
        var configured = configuration["TalentMatch:Modules"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return new HashSet<string>(All, StringComparer.OrdinalIgnoreCase);
        }

        var names = configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => !All.Contains(n, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
        {
            // Fail at start-up: a typo here would otherwise leave a queue without consumers.
            throw new InvalidOperationException(
                $"Unknown module(s) in TalentMatch:Modules: {string.Join(", ", unknown)}. Known: {string.Join(", ", All)}.");
        }

        return new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
    }
}
