using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Api.Endpoints.Jobs;

/// <summary>
/// <c>/v1/jobs</c>: submit a job description (202 Accepted: parsing and indexing happen on the
/// bus), list, read, replace, close, delete. One file per operation in this folder.
/// </summary>
internal sealed class JobEndpoints : IEndpointContributor
{
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var jobs = endpoints.MapGroup("/v1/jobs").WithTags("Jobs").ProducesAccessProblems();
        SubmitJob.Map(jobs);
        ListJobs.Map(jobs);
        DeleteJob.Map(jobs);
        GetJobErasure.Map(jobs);
        ReplaceJob.Map(jobs);
        CloseJob.Map(jobs);
        GetJob.Map(jobs);
    }
}
