using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;

namespace TalentMatch.Modules.Api.Endpoints.Documents;

internal static class SubmissionOpenApi
{
    /// <summary>
    /// Documents the two body forms and the problems of a submission. The body is described by a
    /// transformer, not by <c>Accepts()</c>: that would make routing answer a wrong content type
    /// itself, with a generic 415 instead of ours that says what to send.
    /// </summary>
    public static RouteHandlerBuilder ProducesSubmissionProblems(this RouteHandlerBuilder builder) =>
        builder
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var schema = await context.GetOrCreateSchemaAsync(typeof(SubmitDocumentRequest), null, cancellationToken);
                operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
                {
                    Required = true,
                    Description = "The document: JSON, the plain text itself (UTF-8), or (resumes) a file in the multipart field 'file'.",
                    Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = schema },
                        ["text/plain"] = new()
                        {
                            Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String },
                            Example = System.Text.Json.Nodes.JsonValue.Create(
                                "Jane Doe — ML infrastructure engineer. 5 years of PyTorch, DeepSpeed ZeRO-3 on 512 GPUs, CUDA kernels, vLLM serving."),
                        },
                        ["multipart/form-data"] = new()
                        {
                            Schema = new Microsoft.OpenApi.OpenApiSchema
                            {
                                Type = Microsoft.OpenApi.JsonSchemaType.Object,
                                Properties = new Dictionary<string, Microsoft.OpenApi.IOpenApiSchema>
                                {
                                    ["file"] = new Microsoft.OpenApi.OpenApiSchema
                                    {
                                        Type = Microsoft.OpenApi.JsonSchemaType.String,
                                        Format = "binary",
                                        Description = "PDF, DOCX, HTML, Markdown or text; at most 10 MiB (resumes only).",
                                    },
                                },
                            },
                        },
                    },
                };
            })
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
