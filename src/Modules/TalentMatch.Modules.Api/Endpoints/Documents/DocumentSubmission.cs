using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using TalentMatch.Modules.Api.Persistence;

namespace TalentMatch.Modules.Api.Endpoints.Documents;

/// <summary>
/// A resume or job description as posted: JSON <c>{"text", "title"}</c>, a plain-text body, or
/// (resumes) a file uploaded as <c>multipart/form-data</c> field <c>file</c>, which ingestion reads.
/// A resume may name its lawful basis: JSON property <c>consent</c>, or form field <c>consent</c>
/// holding the same JSON object (<see cref="ConsentInput"/>).
/// </summary>
internal sealed record DocumentSubmission(string Text, string? Title, byte[]? File = null, string? FileName = null, ConsentInput? Consent = null)
{
    public const int MaxTitleLength = 300;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private sealed record JsonBody(string? Text, string? Title, ConsentInput? Consent);

    /// <summary>
    /// Reads and validates the body by hand rather than through model binding, so that every way
    /// it can be wrong (size, type, encoding, syntax, emptiness) gets its own problem type.
    /// </summary>
    public static async Task<(DocumentSubmission? Submission, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, int maxBytes, CancellationToken cancellationToken, int? maxUploadBytes = null)
    {
        var parsed = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType);
        if (maxUploadBytes is int uploadLimit && parsed
            && mediaType!.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadUploadAsync(request, uploadLimit, cancellationToken);
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, Problems.TooLarge(maxBytes));
        }

        var isJson = parsed && (mediaType!.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
        var isText = parsed && mediaType!.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
            && (!mediaType.Charset.HasValue || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
        if (!isJson && !isText)
        {
            return (null, Problems.UnsupportedMediaType(request.ContentType));
        }

        var body = await ReadBoundedAsync(request.Body, maxBytes, cancellationToken);
        if (body is null)
        {
            return (null, Problems.TooLarge(maxBytes));
        }

        if (body.Length == 0)
        {
            return (null, Problems.EmptyDocument("The request body is empty."));
        }

        string? text;
        string? title = null;
        ConsentInput? consent = null;
        if (isJson)
        {
            try
            {
                var json = JsonSerializer.Deserialize<JsonBody>(body, JsonSerializerOptions.Web);
                text = json?.Text;
                title = string.IsNullOrWhiteSpace(json?.Title) ? null : json.Title.Trim();
                consent = json?.Consent;
            }
            catch (JsonException e)
            {
                // The message names the line and position; it never echoes the body.
                return (null, Problems.MalformedJson(e.Message));
            }
        }
        else
        {
            try
            {
                text = StrictUtf8.GetString(body);
            }
            catch (DecoderFallbackException)
            {
                return (null, Problems.InvalidEncoding("A text/plain body must be UTF-8."));
            }
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, Problems.EmptyDocument("The document text is missing or blank."));
        }

        // Only resumes (the callers that take uploads) are about a person whose basis is recorded.
        if (consent is not null && maxUploadBytes is null)
        {
            return (null, Problems.InvalidField("'consent' applies to resumes only."));
        }

        if (title is { Length: > MaxTitleLength })
        {
            return (null, Problems.InvalidField($"'title' is longer than {MaxTitleLength} characters."));
        }

        return (new DocumentSubmission(text, title, Consent: consent), null);
    }

    /// <summary>The form's <c>file</c> (or only) file, bounded by <paramref name="maxBytes"/>.</summary>
    private static async Task<(DocumentSubmission? Submission, ProblemHttpResult? Problem)> ReadUploadAsync(
        HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        const int FormOverhead = 64 * 1024; // boundaries and part headers around the file
        if (request.ContentLength > maxBytes + FormOverhead)
        {
            return (null, Problems.TooLarge(maxBytes));
        }

        IFormCollection form;
        try
        {
            var reader = new FormFeature(request, new FormOptions
            {
                MultipartBodyLengthLimit = maxBytes + FormOverhead,
                ValueCountLimit = 16,
                BufferBody = false,
            });
            form = await reader.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.TooLarge(maxBytes));
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return (null, Problems.MalformedUpload(e.Message));
        }

        var file = form.Files.GetFile("file") ?? (form.Files.Count == 1 ? form.Files[0] : null);
        if (file is null)
        {
            return (null, Problems.MalformedUpload("Send the resume as the form field 'file'."));
        }

        if (file.Length == 0)
        {
            return (null, Problems.EmptyDocument("The uploaded file is empty."));
        }

        if (file.Length > maxBytes)
        {
            return (null, Problems.TooLarge(maxBytes));
        }

        ConsentInput? consent = null;
        if (form.TryGetValue("consent", out var consentField) && consentField.Count > 0)
        {
            try
            {
                consent = JsonSerializer.Deserialize<ConsentInput>(consentField.ToString(), JsonSerializerOptions.Web);
            }
            catch (JsonException e)
            {
                return (null, Problems.MalformedJson($"The form field 'consent': {e.Message}"));
            }
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return (new DocumentSubmission("", null, buffer.ToArray(), SafeFileName(file.FileName), consent), null);
    }

    /// <summary>
    /// The client's file name, kept for the record: no directories, no control characters, at most
    /// <see cref="TrackedDocument.MaxFileNameLength"/> characters (the extension kept), so every database accepts it.
    /// </summary>
    internal static string? SafeFileName(string? name)
    {
        var clean = new string(Path.GetFileName(name ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (clean.Length == 0)
        {
            return null;
        }

        if (clean.Length <= TrackedDocument.MaxFileNameLength)
        {
            return clean;
        }

        var extension = Path.GetExtension(clean);
        extension = extension.Length is > 0 and <= 16 ? extension : "";
        return string.Concat(clean.AsSpan(0, TrackedDocument.MaxFileNameLength - extension.Length - 1), "…", extension);
    }

    /// <summary>Reads at most <paramref name="maxBytes"/>; null when the body is longer (whatever Content-Length claimed).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
