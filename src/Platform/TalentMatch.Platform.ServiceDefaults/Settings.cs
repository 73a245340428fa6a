using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TalentMatch.Platform.ServiceDefaults;

/// <summary>
/// How a <c>TalentMatch:*</c> section reaches the code: an options class bound to its section and
/// checked against its data annotations (and <see cref="IValidatableObject"/>) when the host starts,
/// so that a wrong setting stops the start with its full name (<c>TalentMatch:Api:MaxDocumentBytes</c>)
/// instead of misbehaving later. A value the binder cannot convert fails the same way, named by the binder.
/// </summary>
public static class Settings
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> for <c>IOptions&lt;T&gt;</c>, validated at start-up.</summary>
    public static IServiceCollection AddSettings<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new AnnotatedSettingsValidator<T>(section));
        return services;
    }

    /// <summary>
    /// Registers the settings as <see cref="AddSettings{T}(IServiceCollection, string)"/> does and also
    /// returns them, validated now, for the decisions a registration takes (provider, transport, limits).
    /// </summary>
    public static T AddSettings<T>(this IHostApplicationBuilder builder, string section)
        where T : class, new()
    {
        builder.Services.AddSettings<T>(section);
        return Read<T>(builder.Configuration, section);
    }

    /// <summary>Binds and validates a section now (for code that runs before the service provider exists).</summary>
    /// <exception cref="OptionsValidationException">A setting is out of its range; the message names it.</exception>
    public static T Read<T>(IConfiguration configuration, string section)
        where T : class, new()
    {
        var value = configuration.GetSection(section).Get<T>() ?? new T();
        var failures = AnnotatedSettingsValidator<T>.Failures(section, value);
        return failures.Count == 0 ? value : throw new OptionsValidationException(section, typeof(T), failures);
    }
}

/// <summary>Data-annotation validation whose messages carry the configuration key of each failing setting.</summary>
internal sealed class AnnotatedSettingsValidator<T>(string section) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var failures = Failures(section, options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> Failures(string section, T options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return
        [
            .. results.Select(r =>
            {
                var keys = r.MemberNames.Any() ? string.Join(", ", r.MemberNames.Select(m => $"{section}:{m}")) : section;
                return $"{keys}: {r.ErrorMessage}";
            }),
        ];
    }
}
