namespace TalentMatch.Core.Skills.Matching;

/// <summary>
/// One distinct folded string with every role it plays: alias of some skills, and/or a cue word. Built by
/// <see cref="CompiledPatterns"/>; its index in <see cref="CompiledPatterns.Patterns"/> is the id the automaton reports.
/// </summary>
internal sealed class Pattern(string text)
{
    public string Text { get; } = text;

    public List<Candidate> Candidates { get; } = [];

    public bool Preferred { get; set; }

    public bool Required { get; set; }

    public Proficiency? Proficiency { get; set; }

    public Section Heading { get; set; }

    public bool IsContext { get; set; }

    /// <summary>A phrase that is no skill and, as the longest match, hides the aliases inside it (<see cref="Skill.Blocked"/>).</summary>
    public bool Blocks { get; set; }

    /// <summary>Says that a sentence is about the employer's own products or partners (<see cref="Cues.EmployerProducts"/>).</summary>
    public bool EmployerProducts { get; set; }

    public bool IsCue => Preferred || Required || Proficiency is not null || Heading != Section.None || IsContext || EmployerProducts;

    public void AddCandidate(Candidate candidate)
    {
        // Unambiguous meanings are tried last: "transformers" is the library only with Hugging Face nearby.
        if (Candidates.Any(c => c.Skill == candidate.Skill && (c.ExactForms is null) == (candidate.ExactForms is null)))
        {
            return;
        }

        if (candidate.ExactForms is null)
        {
            Candidates.Add(candidate);
        }
        else
        {
            Candidates.Insert(Candidates.Count(c => c.ExactForms is not null), candidate);
        }
    }
}

/// <summary>One skill a <see cref="Pattern"/> may mean, unconditionally or only under the skill's ambiguity rules.</summary>
/// <param name="Skill">Index into <see cref="CompiledPatterns.Skills"/>.</param>
/// <param name="ExactForms">Null for unambiguous aliases; otherwise the casings that may mean this skill.</param>
internal sealed record Candidate(int Skill, string[]? ExactForms);
