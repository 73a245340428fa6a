using System.Net;
using System.Text;
using TalentMatch.Server.Tests.Infrastructure.Contract;

namespace TalentMatch.Server.Tests;

/// <summary>
/// The validator every test's HTTP traffic runs through (<see cref="ContractValidatingHandler"/>)
/// catches real violations: shown on a small document and hand-made exchanges.
/// </summary>
public class ContractValidatorTests
{
    private const string Document = """
        {
          "openapi": "3.1.1",
          "info": { "title": "t", "version": "1" },
          "paths": {
            "/v1/things/{id}": {
              "get": {
                "parameters": [
                  { "name": "id", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } },
                  { "name": "limit", "in": "query", "schema": { "type": ["integer", "string"], "pattern": "^-?(?:0|[1-9]\\d*)$" } }
                ],
                "responses": {
                  "200": { "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Thing" } } } },
                  "404": { "description": "Not found", "content": { "application/problem+json": { "schema": { "type": "object" } } } }
                }
              }
            },
            "/v1/things": {
              "post": {
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewThing" } } } },
                "responses": { "201": { "description": "Created" }, "400": { "description": "Bad request" } }
              }
            },
            "/v1/things/search": {
              "get": { "responses": { "200": { "description": "OK", "content": { "application/json": { "schema": { "type": "array" } } } } } }
            }
          },
          "components": {
            "schemas": {
              "Thing": {
                "type": "object",
                "required": ["id", "skills"],
                "properties": {
                  "id": { "type": "string" },
                  "skills": { "type": "array", "items": { "type": "object", "properties": {
                    "years": { "type": "integer" },
                    "relation": { "oneOf": [{ "type": "null" }, { "$ref": "#/components/schemas/Relation" }] } } } }
                }
              },
              "Relation": { "enum": ["exact", "related", null] },
              "NewThing": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string" } } }
            }
          }
        }
        """;

    private static readonly OpenApiContract Contract = new(Document);

    private const string Id = "/v1/things/6f1c2a5e-0b7d-4a51-9d0e-3c4b5a697887";

    [Fact]
    public void A_documented_exchange_keeps_the_contract()
    {
        Assert.Empty(Check(HttpMethod.Get, Id + "?limit=20", null, HttpStatusCode.OK, "application/json", """{"id":"a","skills":[{"years":3}]}"""));
        Assert.Empty(Check(HttpMethod.Get, "/v1/things/search", null, HttpStatusCode.OK, "application/json", "[]"));
        Assert.Empty(Check(HttpMethod.Post, "/v1/things", """{"name":"x"}""", HttpStatusCode.Created, null, ""));
        Assert.Empty(Check(HttpMethod.Get, "/health/ready", null, HttpStatusCode.InternalServerError, "text/plain", "not the API"));
        Assert.Empty(Check(HttpMethod.Get, "/v1/nothing-here", null, HttpStatusCode.NotFound, null, ""));
    }

    [Fact]
    public void An_undocumented_status_code_is_a_violation()
    {
        var violation = Assert.Single(Check(HttpMethod.Get, Id, null, HttpStatusCode.InternalServerError, "application/problem+json", "{}"));

        Assert.Contains("GET /v1/things/{id} → 500", violation);
        Assert.Contains("status 500 is not documented", violation);
    }

    [Fact]
    public void A_field_of_the_wrong_type_is_a_violation_at_its_JSON_path()
    {
        var violation = Assert.Single(Check(HttpMethod.Get, Id, null, HttpStatusCode.OK, "application/json", """{"id":"a","skills":[{"years":"three"}]}"""));

        Assert.Contains("GET /v1/things/{id} → 200", violation);
        Assert.Contains("response body at /skills/0/years", violation);
    }

    [Fact]
    public void Only_the_failing_alternatives_of_a_failing_combinator_are_reported()
    {
        // "exact" fails the null alternative of a oneOf that passes: no violation. A null matches both, which oneOf forbids.
        Assert.Empty(Check(HttpMethod.Get, Id, null, HttpStatusCode.OK, "application/json", """{"id":"a","skills":[{"relation":"exact"}]}"""));

        var violation = Assert.Single(Check(HttpMethod.Get, Id, null, HttpStatusCode.OK, "application/json", """{"id":"a","skills":[{"relation":null}]}"""));

        Assert.Contains("response body at /skills/0/relation", violation);
        Assert.Contains("2 of 2 sub-schemas matched", violation);
    }

    [Fact]
    public void A_missing_required_field_and_an_undocumented_content_type_are_violations()
    {
        Assert.Contains("response body at ", Assert.Single(Check(HttpMethod.Get, Id, null, HttpStatusCode.OK, "application/json", """{"id":"a"}""")));
        Assert.Contains("content type 'text/html' is not one of application/json",
            Assert.Single(Check(HttpMethod.Get, Id, null, HttpStatusCode.OK, "text/html", "<p>hi</p>")));
        Assert.Contains("has a body", Assert.Single(Check(HttpMethod.Post, "/v1/things", """{"name":"x"}""", HttpStatusCode.Created, "application/json", "{}")));
    }

    [Fact]
    public void A_bad_request_is_fine_when_refused_and_a_violation_when_accepted()
    {
        Assert.Empty(Check(HttpMethod.Post, "/v1/things", """{"name":7}""", HttpStatusCode.BadRequest, null, ""));
        Assert.Empty(Check(HttpMethod.Get, Id + "?limit=abc", null, HttpStatusCode.NotFound, "application/problem+json", "{}"));

        Assert.Contains("accepted a request the document says is invalid: request body at /name",
            Assert.Single(Check(HttpMethod.Post, "/v1/things", """{"name":7}""", HttpStatusCode.Created, null, "")));
        Assert.Contains("query parameter 'limit' = 'abc' does not match its schema",
            Assert.Single(Check(HttpMethod.Get, Id + "?limit=abc", null, HttpStatusCode.OK, "application/json", """{"id":"a","skills":[]}""")));
        Assert.Contains("the required request body is missing",
            Assert.Single(Check(HttpMethod.Post, "/v1/things", null, HttpStatusCode.Created, null, "")));
    }

    [Fact]
    public void An_undocumented_operation_is_a_violation_and_a_literal_segment_wins_over_a_parameter()
    {
        Assert.Contains("has no DELETE operation", Assert.Single(Check(HttpMethod.Delete, Id, null, HttpStatusCode.NoContent, null, "")));
        Assert.Contains("no operation in the document has this path",
            Assert.Single(Check(HttpMethod.Get, "/v1/others", null, HttpStatusCode.OK, "application/json", "[]")));
        Assert.Contains("GET /v1/things/search → 200", Assert.Single(Check(HttpMethod.Get, "/v1/things/search", null, HttpStatusCode.OK, "application/json", "{}")));
    }

    private static IReadOnlyList<string> Check(HttpMethod method, string path, string? requestJson, HttpStatusCode status, string? contentType, string body)
    {
        using var request = new HttpRequestMessage(method, new Uri(new Uri("http://localhost"), path));
        if (requestJson is not null)
        {
            request.Content = new StringContent(requestJson, Encoding.UTF8, "application/json");
        }

        using var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType is not null)
        {
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        return Contract.Check(request, requestJson is null ? [] : Encoding.UTF8.GetBytes(requestJson), response, Encoding.UTF8.GetBytes(body));
    }
}
