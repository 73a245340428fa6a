using System.CommandLine;
using System.Text.Json;
using TalentMatch.Core.Matching;

namespace TalentMatch.Cli.Commands;

/// <summary>
/// <c>talentmatch gap RESUME JOB</c> (or <c>gap RESUME --role role-mlops-engineer</c>): the skills the candidate
/// lacks for the job or target role, most important first (by how much each would raise the match score), each
/// with courses, certifications and projects to close it. Prints JSON; exit code 2 when a document cannot be read.
/// </summary>
internal static class GapCommand
{
    public static Command Create()
    {
        var resume = new Argument<string>("resume") { Description = "The resume (PDF, DOCX, HTML, Markdown or text)." };
        var job = new Argument<string?>("job") { Description = "The job description; omit it and pass --role for a target role.", Arity = ArgumentArity.ZeroOrOne };
        var options = new MatchCommand.CommonOptions();
        var command = new Command("gap", "Gap analysis of a resume against a job description or target role, with learning resources; prints JSON.") { resume, job, options.Role };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var jobPath = parse.GetValue(job);
            var role = parse.GetValue(options.Role);
            if ((jobPath is null) == (role is null))
            {
                await error.WriteLineAsync("Give either a job file or --role ROLE_ID (e.g. role-mlops-engineer).");
                return 1;
            }

            var weights = options.Weights(parse, error);
            if (weights is null)
            {
                return 1;
            }

            (CandidateProfile Candidate, JobProfile Job)? profiles;
            try
            {
                profiles = await MatchCommand.LoadAsync(parse.GetValue(resume)!, jobPath, options, parse, error, cancellationToken);
            }
            catch (ArgumentException e) when (role is not null)
            {
                await error.WriteLineAsync(e.Message);
                return 1;
            }

            if (profiles is null)
            {
                return 2;
            }

            var report = GapAnalyzer.Analyze(profiles.Value.Candidate, profiles.Value.Job, weights);
            await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                score = report.Score,
                scoreIfClosed = report.ScoreIfClosed,
                candidate = report.CandidateId,
                target = report.JobId,
                gaps = report.Gaps,
            }, MatchCommand.Json));
            return 0;
        });
        return command;
    }
}
