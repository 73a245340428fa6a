using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TalentMatch.Platform.Persistence;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Console;

public static class ConsoleModule
{
    /// <summary>
    /// The web console under <c>/console</c>: pages rendered on the server (Razor components,
    /// static rendering, no client framework), which call the REST API with the signed-in key.
    /// </summary>
    public static IHostApplicationBuilder AddConsoleService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<ConsoleOptions>(ConsoleOptions.Section);
        builder.AddTalentMatchDataProtection();
        // Pages are UTF-8: Chinese text goes out as itself, not as a numeric entity per character.
        builder.Services.Replace(ServiceDescriptor.Singleton(HtmlEncoder.Create(UnicodeRanges.All)));
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "tm_console_csrf";
            options.Cookie.Path = ConsoleSession.CookiePath;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = ConsolePage.CsrfFieldName;
        });
        builder.Services.AddSingleton<ConsoleSession>();
        builder.Services.AddSingleton<PortalSession>();
        builder.Services.AddSingleton<OneTimeSecret>();
        builder.Services.AddSingleton<ApiAddress>();
        builder.Services.AddSingleton<ConsoleApi>();
        builder.Services.AddHttpClient(ConsoleApi.HttpClientName, (services, client) =>
                client.Timeout = services.GetRequiredService<IOptions<ConsoleOptions>>().Value.ApiTimeout)
            .RemoveAllLoggers(); // the API logs each call it serves; the console's own request is logged too
        builder.Services.AddEndpoints<ConsoleEndpoints>();
        return builder;
    }
}

/// <summary>What every page needs besides its own data: the language, the form token, whether someone is signed in, and
/// how many saved-search alerts are new (<see cref="SavedSearchPages.CountNewAlertsAsync"/>).</summary>
public sealed record ConsolePage(Ui Ui, string? CsrfToken, bool SignedIn, string PathAndQuery)
{
    public const string CsrfFieldName = "__csrf";

    /// <summary>The navigation's count of new saved-search alerts ("3", "99+"); null: none new, or not known.</summary>
    public string? NewAlerts { get; init; }

    public static ConsolePage For(HttpContext context, bool signedIn)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return new ConsolePage(Ui.For(context.Request), tokens.RequestToken, signedIn, context.Request.Path + context.Request.QueryString)
        {
            NewAlerts = signedIn ? SavedSearchPages.NewAlerts(context) : null,
        };
    }
}
