using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TalentMatch.Modules.Console;

/// <summary>
/// The page's language: the <c>tm_lang</c> cookie the switch sets, otherwise the first of
/// English or Chinese in <c>Accept-Language</c>, otherwise English. Labels come from
/// <see cref="Labels"/>; dates and numbers are formatted in the language's culture.
/// </summary>
public sealed class Ui
{
    public const string CookieName = "tm_lang";

    private Ui(string language)
    {
        Language = language;
        Culture = CultureInfo.GetCultureInfo(language == "zh" ? "zh-CN" : "en-US");
    }

    public static Ui English { get; } = new("en");

    public static Ui Chinese { get; } = new("zh");

    /// <summary><c>en</c> or <c>zh</c> (also the page's <c>lang</c> attribute).</summary>
    public string Language { get; }

    public CultureInfo Culture { get; }

    public static Ui For(HttpRequest request)
    {
        if (request.Cookies.TryGetValue(CookieName, out var chosen) && FromCode(chosen) is { } ui)
        {
            return ui;
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1);
        foreach (var language in accepted)
        {
            var tag = language.Value.Value ?? "";
            if (tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
            {
                return Chinese;
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return English;
            }
        }

        return English;
    }

    public static Ui? FromCode(string? code) => code switch
    {
        "en" => English,
        "zh" => Chinese,
        _ => null,
    };

    /// <summary>The label in this language (the key itself if a label is missing, which a test catches).</summary>
    public string this[string key] => Labels.Get(key, Language);

    public string Date(DateTimeOffset? value) => value?.ToString("d", Culture) ?? "–";

    public string DateTime(DateTimeOffset? value) => value?.ToString("g", Culture) ?? "–";

    public string Number(double value, string format = "0.00") => value.ToString(format, Culture);

    public string Number(long value) => value.ToString("N0", Culture);

    /// <summary>A 0–1 score as a whole percentage in this culture ("72%", "72%").</summary>
    public string Percent(double value) => value.ToString("P0", Culture);

    /// <summary>A requirement's level (required, preferred, mentioned) in words.</summary>
    public string Level(string level) => Labels.Has("level." + level) ? this["level." + level] : level;

    /// <summary>A pipeline status or requirement status in words.</summary>
    public string Status(string status) => Labels.Has("status." + status) ? this["status." + status] : status;
}
