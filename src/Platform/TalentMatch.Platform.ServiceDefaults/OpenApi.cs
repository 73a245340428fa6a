using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace TalentMatch.Platform.ServiceDefaults;

/// <summary>
/// The OpenAPI 3.1 document, generated from the endpoints at <c>/openapi/v1.json</c>, and an
/// interactive reference at <c>/docs</c> (Swagger UI, served from the package: no CDN).
/// </summary>
/// <summary>An example value for a schema, registered by the module that owns the type.</summary>
public sealed record OpenApiExample(Type Type, string Json);

public static class OpenApiExtensions
{
    public const string DocumentPath = "/openapi/v1.json";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Candidates"] = "Resumes: submit (parsed, embedded and indexed asynchronously), read back with their pipeline status.",
        ["Jobs"] = "Job descriptions: submit and read back with their pipeline status.",
        ["Search"] = "Keyword and hybrid search over your tenant's candidates and jobs.",
        ["API keys"] = "Your tenant's API keys and their scopes (admin scope).",
        ["Matches"] = "Candidates for a job and jobs for a candidate, scored with explanations; gap analysis; your tenant's weights.",
        ["Skills"] = "The AI/ML skill taxonomy: browse and autocomplete, English and Chinese.",
        ["Webhooks"] = "Signed event deliveries to your endpoints: subscriptions, the delivery log, replay.",
        ["Candidate portal"] = "What one candidate reads through a portal link (POST /v1/candidates/{id}/portal-links): the open roles that fit them, a role's gap report. Only a link's token is accepted, never an API key.",
    };

    /// <summary>Adds an example of <typeparamref name="T"/> to its schema in the document (a module's request types).</summary>
    public static IServiceCollection AddOpenApiExample<T>(this IServiceCollection services, string json) =>
        services.AddSingleton(new OpenApiExample(typeof(T), json));

    public static IServiceCollection AddTalentMatchOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddSchemaTransformer((schema, context, _) =>
            {
                var example = context.ApplicationServices.GetServices<OpenApiExample>()
                    .FirstOrDefault(e => e.Type == context.JsonTypeInfo.Type);
                if (example is not null)
                {
                    // OpenAPI 3.1 schemas take a list of examples (JSON Schema's "examples").
                    schema.Examples = [System.Text.Json.Nodes.JsonNode.Parse(example.Json)!];
                }

                return Task.CompletedTask;
            });
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "TalentMatch API",
                    Version = "v1",
                    Description = "Skills matching for AI/ML hiring: submit resumes and job descriptions, search candidates and jobs. "
                        + "Every request carries an API key of your tenant (Authorization: Bearer <key>); errors are RFC 9457 problem details.",
                    License = new OpenApiLicense { Name = "Apache-2.0", Identifier = "Apache-2.0" },
                    Contact = new OpenApiContact { Name = "TalentMatch" },
                };
                document.Servers = [new OpenApiServer { Url = "/", Description = "This server" }];
                foreach (var schema in document.Components?.Schemas?.Values ?? [])
                {
                    NullableAsAnyOf(schema, []);
                }

                document.Tags = new HashSet<OpenApiTag>(
                    TagDescriptions.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key of your tenant: tm_<id>_<secret>. Also accepted as the X-Api-Key header.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                // Operations that need a scope say so; health probes need nothing.
                var scopes = context.Description.ActionDescriptor.EndpointMetadata
                    .OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
                    .Select(a => a.Policy)
                    .OfType<string>()
                    .ToList();
                var secured = scopes.Count > 0 || context.Description.ActionDescriptor.EndpointMetadata
                    .OfType<Microsoft.AspNetCore.Authorization.AuthorizationPolicy>().Any();
                operation.Security = secured
                    ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", context.Document)] = scopes }]
                    : [];
                return Task.CompletedTask;
            });
        });

    /// <summary>
    /// The generator writes a nullable property of a referenced type as <c>oneOf: [{type: null}, {$ref}]</c>,
    /// but the schema it references for an enum lists <c>null</c> among its values too: a null then matches
    /// both alternatives, which <c>oneOf</c> forbids, so the document refused the nulls the API sends
    /// (found by the contract check of the tests' traffic). "Null or that type" is <c>anyOf</c>.
    /// </summary>
    private static void NullableAsAnyOf(IOpenApiSchema schema, HashSet<IOpenApiSchema> seen)
    {
        if (schema is not OpenApiSchema concrete || !seen.Add(concrete))
        {
            return;
        }

        if (concrete.OneOf is { Count: 2 } alternatives && alternatives.Any(a => a is OpenApiSchema { Type: JsonSchemaType.Null }))
        {
            concrete.AnyOf = alternatives;
            concrete.OneOf = null;
        }

        foreach (var child in (concrete.Properties?.Values ?? []).Concat(concrete.AnyOf ?? []).Concat(concrete.OneOf ?? [])
            .Concat(concrete.AllOf ?? []).Append(concrete.Items).OfType<IOpenApiSchema>())
        {
            NullableAsAnyOf(child, seen);
        }
    }

    /// <summary>
    /// Declares the problem responses every authenticated endpoint can give (401, 403, 429), so
    /// the document tells clients about them; endpoint-specific ones are declared where they arise.
    /// </summary>
    public static TBuilder ProducesAccessProblems<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    public static WebApplication MapTalentMatchOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint(DocumentPath, "TalentMatch API v1");
            ui.RoutePrefix = "docs";
            ui.DocumentTitle = "TalentMatch API";
        });
        return app;
    }
}
