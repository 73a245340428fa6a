using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace TalentMatch.Server.Tests.Infrastructure.Contract;

/// <summary>
/// An OpenAPI document used as a contract that HTTP exchanges are checked against. The document's
/// structure (paths, operations, parameters, responses, media types) is read by Microsoft.OpenApi;
/// bodies and parameter values are evaluated by JsonSchema.Net against the document's own schemas,
/// addressed by JSON pointer into the raw document, so neither the code that generates the document
/// nor the server's types take part in the check.
/// </summary>
public sealed class OpenApiContract
{
    private static readonly Lazy<OpenApiContract> V1Document = new(() =>
        new OpenApiContract(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "openapi", "v1.json"))));

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.Hierarchical };

    private readonly Uri _baseUri = new("https://contract.talentmatch.invalid/openapi.json");
    private readonly BuildOptions _build;
    private readonly List<PathTemplate> _paths;
    private readonly HashSet<string> _apiPrefixes;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    public OpenApiContract(string json)
    {
        var read = OpenApiDocument.Parse(json, OpenApiConstants.Json, new OpenApiReaderSettings());
        if (read.Document is null || read.Diagnostic?.Errors.Count > 0)
        {
            throw new InvalidOperationException("The OpenAPI document does not read: "
                + string.Join("; ", read.Diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}") ?? []));
        }

        var registry = new SchemaRegistry();
        registry.Register(_baseUri, new JsonElementBaseDocument(JsonDocument.Parse(json).RootElement.Clone(), _baseUri));
        _build = new BuildOptions { SchemaRegistry = registry };
        _paths = read.Document.Paths.Select(p => new PathTemplate(p.Key, p.Value)).ToList();
        _apiPrefixes = _paths.Select(p => p.Segments.FirstOrDefault() ?? "").ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>docs/openapi/v1.json, read once per test process.</summary>
    public static OpenApiContract V1 => V1Document.Value;

    /// <summary>
    /// The ways an exchange breaks the contract (empty when it keeps it). <paramref name="requestBody"/>
    /// and <paramref name="responseBody"/> are the bytes sent and received.
    /// </summary>
    public IReadOnlyList<string> Check(HttpRequestMessage request, byte[] requestBody, HttpResponseMessage response, byte[] responseBody)
    {
        var path = request.RequestUri!.AbsolutePath;
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var status = (int)response.StatusCode;
        var label = $"{request.Method} {path} → {status}";
        if (!_apiPrefixes.Contains(segments[0]))
        {
            return []; // Not the API (health probes, metrics, the console, the document itself).
        }

        var match = _paths.Select(p => (Template: p, Values: p.Match(segments)))
            .Where(m => m.Values is not null)
            .OrderBy(m => m.Values!.Count) // a literal segment wins over a parameter (/skills/autocomplete, /skills/{id})
            .FirstOrDefault();
        if (match.Template is null)
        {
            return status is 404 or 405 ? [] : [$"{label}: no operation in the document has this path"];
        }

        var method = new HttpMethod(request.Method.Method.ToUpperInvariant());
        if (match.Template.Item.Operations is not { } operations || !operations.TryGetValue(method, out var operation))
        {
            return status is 404 or 405 ? [] : [$"{label}: {match.Template.Text} has no {request.Method} operation in the document"];
        }

        var operationLabel = $"{request.Method} {match.Template.Text} → {status}";
        var pointer = $"#/paths/{Escape(match.Template.Text)}/{method.Method.ToLowerInvariant()}";
        var violations = new List<string>();
        var requestProblems = CheckRequest(request, requestBody, match.Template, match.Values!, operation, pointer);
        if (requestProblems.Count > 0 && status is >= 200 and < 300)
        {
            violations.AddRange(requestProblems.Select(p =>
                $"{operationLabel}: the server accepted a request the document says is invalid: {p}"));
        }

        violations.AddRange(CheckResponse(response, responseBody, operation, pointer).Select(v => $"{operationLabel}: {v}"));
        return violations;
    }

    private List<string> CheckRequest(HttpRequestMessage request, byte[] body, PathTemplate template,
        Dictionary<string, string> pathValues, OpenApiOperation operation, string pointer)
    {
        var problems = new List<string>();
        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
        var parameters = (template.Item.Parameters ?? []).Select((p, i) => (Parameter: p, Pointer: $"#/paths/{Escape(template.Text)}/parameters/{i}"))
            .Concat((operation.Parameters ?? []).Select((p, i) => (Parameter: p, Pointer: $"{pointer}/parameters/{i}")));
        foreach (var (parameter, parameterPointer) in parameters)
        {
            string[]? values = parameter.In switch
            {
                ParameterLocation.Path => pathValues.TryGetValue(parameter.Name!, out var value) ? [value] : null,
                ParameterLocation.Query => query.GetValues(parameter.Name),
                ParameterLocation.Header => request.Headers.TryGetValues(parameter.Name!, out var headers) ? headers.ToArray() : null,
                _ => null,
            };
            if (values is null)
            {
                if (parameter.Required)
                {
                    problems.Add($"required {parameter.In.ToString()!.ToLowerInvariant()} parameter '{parameter.Name}' is missing");
                }

                continue;
            }

            if (parameter.Schema is not null)
            {
                problems.AddRange(CheckParameterValues(parameter, values, $"{parameterPointer}/schema"));
            }
        }

        if (operation.RequestBody is not { } requestBody)
        {
            return problems;
        }

        var mediaType = request.Content?.Headers.ContentType?.MediaType;
        if (body.Length == 0 || mediaType is null)
        {
            if (requestBody.Required)
            {
                problems.Add("the required request body is missing");
            }

            return problems;
        }

        var documented = FindMediaType(requestBody.Content, mediaType);
        if (documented is null)
        {
            problems.Add($"request content type '{mediaType}' is not one of {string.Join(", ", requestBody.Content?.Keys.ToArray() ?? [])}");
        }
        else if (IsJson(mediaType) && requestBody.Content![documented].Schema is not null)
        {
            problems.AddRange(Evaluate($"{pointer}/requestBody/content/{Escape(documented)}/schema", body, "request body"));
        }

        return problems;
    }

    private IEnumerable<string> CheckParameterValues(IOpenApiParameter parameter, string[] values, string schemaPointer)
    {
        // A query string carries no types: a value is valid if it is as a string or as the JSON literal it spells
        // (limit=20 as the integer 20); a repeated parameter of an array schema is the array of its values.
        var schema = Schema(schemaPointer);
        var asArray = parameter.Schema!.Type is { } type && type.HasFlag(JsonSchemaType.Array);
        var candidates = asArray
            ? [JsonSerializer.SerializeToElement(values)]
            : values.SelectMany(v => Literals(v)).ToArray();
        if (asArray || values.Length == 1)
        {
            if (!candidates.Any(c => schema.Evaluate(c, Evaluation).IsValid))
            {
                yield return $"{parameter.In.ToString()!.ToLowerInvariant()} parameter '{parameter.Name}' = '{string.Join(",", values)}' does not match its schema";
            }
        }
        else
        {
            yield return $"{parameter.In.ToString()!.ToLowerInvariant()} parameter '{parameter.Name}' is given {values.Length} times";
        }
    }

    private static IEnumerable<JsonElement> Literals(string value)
    {
        yield return JsonSerializer.SerializeToElement(value);
        JsonElement literal;
        try
        {
            literal = JsonDocument.Parse(value).RootElement.Clone();
        }
        catch (JsonException)
        {
            yield break;
        }

        if (literal.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
        {
            yield return literal;
        }
    }

    private List<string> CheckResponse(HttpResponseMessage response, byte[] body, OpenApiOperation operation, string pointer)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var key = new[] { status, status[0] + "XX", "default" }.FirstOrDefault(k => operation.Responses?.ContainsKey(k) == true);
        if (key is null)
        {
            return [$"status {status} is not documented for this operation (documented: {string.Join(", ", operation.Responses?.Keys.ToArray() ?? [])})"];
        }

        var documented = operation.Responses![key];
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (documented.Content is not { Count: > 0 } content)
        {
            return body.Length == 0 ? [] : [$"the response has a body ({mediaType}, {body.Length} bytes) but the document declares none"];
        }

        if (body.Length == 0)
        {
            return [$"the response has no body but the document declares {string.Join(", ", content.Keys)}"];
        }

        var documentedType = mediaType is null ? null : FindMediaType(content, mediaType);
        if (documentedType is null)
        {
            return [$"response content type '{mediaType}' is not one of {string.Join(", ", content.Keys)}"];
        }

        return IsJson(mediaType!) && content[documentedType].Schema is not null
            ? Evaluate($"{pointer}/responses/{Escape(key)}/content/{Escape(documentedType)}/schema", body, "response body")
            : [];
    }

    private List<string> Evaluate(string schemaPointer, byte[] body, string what)
    {
        JsonElement instance;
        try
        {
            instance = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException e)
        {
            return [$"the {what} is not JSON: {e.Message}"];
        }

        var result = Schema(schemaPointer).Evaluate(instance, Evaluation);
        if (result.IsValid)
        {
            return [];
        }

        var errors = new List<string>();
        Collect(result, what, errors);
        return errors.Count > 0 ? errors.Distinct().Take(10).ToList() : [$"the {what} does not match its schema"];
    }

    /// <summary>
    /// The errors of the failing nodes only: a branch that failed inside a combinator that passed (one
    /// alternative of a valid oneOf) is not a violation, so the walk does not descend into valid nodes.
    /// </summary>
    private static void Collect(EvaluationResults node, string what, List<string> errors)
    {
        if (node.IsValid)
        {
            return;
        }

        foreach (var error in node.Errors ?? new Dictionary<string, string>())
        {
            errors.Add($"{what} at {node.InstanceLocation}: {error.Value} (schema {node.EvaluationPath})");
        }

        var children = node.Details ?? [];
        if (node.Errors is not { Count: > 0 } && !children.Any(c => !c.IsValid))
        {
            // The validator gives no message for some failures (a oneOf that more than one alternative matches).
            errors.Add($"{what} at {node.InstanceLocation}: does not match (schema {node.EvaluationPath}; "
                + $"{children.Count(c => c.IsValid)} of {children.Count} sub-schemas matched)");
        }

        foreach (var child in children)
        {
            Collect(child, what, errors);
        }
    }

    private JsonSchema Schema(string pointer) =>
        _schemas.GetOrAdd(pointer, p => JsonSchema.FromText(JsonSerializer.Serialize(new Dictionary<string, string> { ["$ref"] = _baseUri + p }), _build));

    private static string? FindMediaType(IDictionary<string, OpenApiMediaType>? content, string mediaType) =>
        content?.Keys.FirstOrDefault(k => string.Equals(k, mediaType, StringComparison.OrdinalIgnoreCase))
        ?? content?.Keys.FirstOrDefault(k => k == "*/*"
            || (k.EndsWith("/*", StringComparison.Ordinal) && mediaType.StartsWith(k[..^1], StringComparison.OrdinalIgnoreCase)));

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    /// <summary>A JSON pointer token (RFC 6901), URI-encoded for use in a fragment.</summary>
    private static string Escape(string token) => Uri.EscapeDataString(token.Replace("~", "~0").Replace("/", "~1"));

    private sealed class PathTemplate(string text, IOpenApiPathItem item)
    {
        public string Text { get; } = text;

        public IOpenApiPathItem Item { get; } = item;

        public string[] Segments { get; } = text.Trim('/').Split('/');

        /// <summary>The parameter values when <paramref name="segments"/> fit this template, otherwise null.</summary>
        public Dictionary<string, string>? Match(string[] segments)
        {
            if (segments.Length != Segments.Length)
            {
                return null;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < segments.Length; i++)
            {
                if (Segments[i].StartsWith('{') && Segments[i].EndsWith('}'))
                {
                    values[Segments[i][1..^1]] = segments[i];
                }
                else if (!string.Equals(Segments[i], segments[i], StringComparison.Ordinal))
                {
                    return null;
                }
            }

            return values;
        }
    }
}
