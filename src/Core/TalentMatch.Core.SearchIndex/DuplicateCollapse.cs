namespace TalentMatch.Core.SearchIndex;

/// <summary>
/// Folds a ranked list into one entry per suspected-duplicate group: each group stands where its best-ranked
/// member stands, with the others behind it in rank order. Folding a prefix of a list gives a prefix of the
/// folded list, so pages cut from the folded window never show a group twice. Both adapters use it.
/// </summary>
public static class DuplicateCollapse
{
    /// <param name="groupOf">The item's group; null: alone.</param>
    public static List<(T Best, List<T> Others)> Fold<T>(IEnumerable<T> ranked, Func<T, Guid?> groupOf)
    {
        var folded = new List<(T Best, List<T> Others)>();
        var positions = new Dictionary<Guid, int>();
        foreach (var item in ranked)
        {
            if (groupOf(item) is not { } group)
            {
                folded.Add((item, []));
            }
            else if (positions.TryGetValue(group, out var position))
            {
                folded[position].Others.Add(item);
            }
            else
            {
                positions[group] = folded.Count;
                folded.Add((item, []));
            }
        }

        return folded;
    }
}
