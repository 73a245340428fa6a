namespace TalentMatch.Server.Tests.Infrastructure.Contract;

/// <summary>
/// Sits in every HTTP client the tests use against a server and checks each exchange against the
/// OpenAPI document. Violations are recorded for the running test, which <see cref="ContractCheckedAttribute"/>
/// then fails; they are not thrown here, so a test that retries (Eventually) cannot swallow them.
/// </summary>
public sealed class ContractValidatingHandler(OpenApiContract contract) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Buffered, so that the content can still be sent (and read by the test) after being looked at here.
        var requestBody = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        ContractViolations.Record(contract.Check(request, requestBody, response, responseBody));
        return response;
    }
}
