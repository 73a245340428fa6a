namespace TalentMatch.Core.Matching;

/// <summary>The components of a match score, in the order they are reported.</summary>
public enum MatchComponent
{
    RequiredSkills,
    PreferredSkills,
    Semantic,
    Experience,
    Seniority,
    Location,
    Languages,
}

/// <summary>
/// How much each component counts. Weights are relative: the score divides by the sum of the weights of the
/// components that apply to this pair (a component with unknown inputs drops out rather than scoring 0 or 1).
/// Defaults and their reasoning: docs/adr/0004-matching-score.md.
/// </summary>
public sealed record MatchWeights
{
    /// <summary>The documented defaults (ADR 0004).</summary>
    public static readonly MatchWeights Default = new();

    /// <summary>Coverage of the job's required skills, with taxonomy partial credit. The recruiter's first question.</summary>
    public double RequiredSkills { get; init; } = 0.25;

    /// <summary>Coverage of preferred ("a plus") skills.</summary>
    public double PreferredSkills { get; init; } = 0.05;

    /// <summary>Cosine similarity of the profile vectors, rescaled (see <see cref="Matcher.SemanticFloor"/>).</summary>
    public double Semantic { get; init; } = 0.50;

    /// <summary>Years of experience against the minimum asked for.</summary>
    public double Experience { get; init; } = 0.08;

    /// <summary>Seniority of the candidate's title against the job's.</summary>
    public double Seniority { get; init; } = 0.06;

    /// <summary>Location against the job's location and work arrangement.</summary>
    public double Location { get; init; } = 0.04;

    /// <summary>Human languages the job asks for.</summary>
    public double Languages { get; init; } = 0.02;

    public double this[MatchComponent component] => component switch
    {
        MatchComponent.RequiredSkills => RequiredSkills,
        MatchComponent.PreferredSkills => PreferredSkills,
        MatchComponent.Semantic => Semantic,
        MatchComponent.Experience => Experience,
        MatchComponent.Seniority => Seniority,
        MatchComponent.Location => Location,
        MatchComponent.Languages => Languages,
        _ => throw new ArgumentOutOfRangeException(nameof(component)),
    };

    /// <summary>These weights with the overrides that are set (a tenant's, then a request's, applied in turn).</summary>
    /// <exception cref="ArgumentException">A weight is negative or not finite, or all weights are 0.</exception>
    public MatchWeights With(MatchWeightOverrides? overrides)
    {
        if (overrides is null)
        {
            return this;
        }

        var result = new MatchWeights
        {
            RequiredSkills = overrides.RequiredSkills ?? RequiredSkills,
            PreferredSkills = overrides.PreferredSkills ?? PreferredSkills,
            Semantic = overrides.Semantic ?? Semantic,
            Experience = overrides.Experience ?? Experience,
            Seniority = overrides.Seniority ?? Seniority,
            Location = overrides.Location ?? Location,
            Languages = overrides.Languages ?? Languages,
        };
        result.Validate();
        return result;
    }

    /// <summary>
    /// Applies overrides written <c>component=number</c> (the CLI's <c>--weight</c>, the API's
    /// <c>weights</c> parameter), in order; component names as in <see cref="MatchComponent"/>, any case.
    /// </summary>
    /// <exception cref="ArgumentException">An item is malformed, or the result is invalid (see <see cref="Validate"/>).</exception>
    public MatchWeights WithOverrides(IEnumerable<string> items)
    {
        var weights = this;
        foreach (var item in items)
        {
            var parts = item.Split('=', 2);
            if (parts.Length != 2 || !Enum.TryParse<MatchComponent>(parts[0].Trim(), ignoreCase: true, out var component)
                || !Enum.IsDefined(component)
                || !double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
                || !double.IsFinite(value) || value < 0)
            {
                throw new ArgumentException(
                    $"Bad weight '{item}': expected component=number >= 0, with component one of {string.Join(", ", Enum.GetNames<MatchComponent>())}.");
            }

            weights = weights.With(component switch
            {
                MatchComponent.RequiredSkills => new MatchWeightOverrides(RequiredSkills: value),
                MatchComponent.PreferredSkills => new MatchWeightOverrides(PreferredSkills: value),
                MatchComponent.Semantic => new MatchWeightOverrides(Semantic: value),
                MatchComponent.Experience => new MatchWeightOverrides(Experience: value),
                MatchComponent.Seniority => new MatchWeightOverrides(Seniority: value),
                MatchComponent.Location => new MatchWeightOverrides(Location: value),
                _ => new MatchWeightOverrides(Languages: value),
            });
        }

        return weights;
    }

    /// <summary>Defaults, then the tenant's overrides, then the request's: what a matching request scores with.</summary>
    public static MatchWeights Resolve(MatchWeightOverrides? tenant, MatchWeightOverrides? request) =>
        Default.With(tenant).With(request);

    /// <exception cref="ArgumentException">A weight is negative or not finite, or all weights are 0.</exception>
    public void Validate()
    {
        var sum = 0.0;
        foreach (var component in Enum.GetValues<MatchComponent>())
        {
            var w = this[component];
            if (!double.IsFinite(w) || w < 0)
            {
                throw new ArgumentException($"Weight {component} must be a finite number >= 0, not {w}.");
            }

            sum += w;
        }

        if (sum <= 0)
        {
            throw new ArgumentException("At least one weight must be positive.");
        }
    }
}

/// <summary>Per-tenant or per-request weight overrides; null leaves the weight as it was.</summary>
public sealed record MatchWeightOverrides(
    double? RequiredSkills = null,
    double? PreferredSkills = null,
    double? Semantic = null,
    double? Experience = null,
    double? Seniority = null,
    double? Location = null,
    double? Languages = null);
