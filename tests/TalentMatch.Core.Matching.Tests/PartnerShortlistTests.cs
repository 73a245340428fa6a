using TalentMatch.Core.Matching.Insights;

namespace TalentMatch.Core.Matching.Tests;

/// <summary>
/// Partner shortlists (ADR 0013, "Pruned pairs"): what a refresh keeps, and that a shortlist which says it decides a
/// skill's lift list gives the list all of its pairs give, also after counts moved the way the writer lets them move.
/// </summary>
public class PartnerShortlistTests
{
    [Fact]
    public void A_refresh_keeps_the_best_scores_with_ties_and_floors_at_the_best_left_out()
    {
        // Scores n(AB)/n(B): p0..p19 score 20/20, 19/20, ... 1/20; those under 3 shared jobs never count.
        var pairs = Enumerable.Range(0, 20).Select(i => ($"p{i:00}", (long)(20 - i))).ToList();
        pairs.Add(("tied", 6)); // 6/20, as p14, the last one kept
        var (members, floor) = PartnerShortlist.Choose(pairs, _ => 20);

        Assert.Equal([.. Enumerable.Range(0, 15).Select(i => $"p{i:00}"), "tied"], members.Select(m => m.Partner).Order(StringComparer.Ordinal));
        Assert.Equal(new PartnerShortlist.Floor(5, 20), floor);
        Assert.True(floor.IsBelow(6, 20));
        Assert.False(floor.IsBelow(5, 20));
        Assert.False(floor.IsBelow(2, 3), "2 shared jobs: never listed, whatever the score");
    }

    [Fact]
    public void A_skill_with_few_partners_keeps_them_all_and_always_decides()
    {
        var (members, floor) = PartnerShortlist.Choose([("a", 5), ("b", 4), ("c", 2)], _ => 10);

        Assert.Equal(2, members.Count);
        Assert.Equal(PartnerShortlist.Floor.None, floor);
        Assert.True(PartnerShortlist.Decides([], floor, 100, 10));
    }

    [Fact]
    public void A_floor_whose_lift_rounds_to_the_fifth_listed_does_not_decide()
    {
        CoSkill[] with = [new("a", 3, 9), new("b", 2.5, 9), new("c", 2.2, 9), new("d", 2.1, 9), new("e", 2.0, 9)];

        Assert.True(PartnerShortlist.Decides(with, new PartnerShortlist.Floor(199, 1000), total: 100, asking: 10)); // 1.99
        Assert.False(PartnerShortlist.Decides(with, new PartnerShortlist.Floor(1999, 10000), total: 100, asking: 10)); // 1.999, shown as 2.00
        Assert.False(PartnerShortlist.Decides(with[..4], new PartnerShortlist.Floor(1, 1000), total: 100, asking: 10));
    }

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5, 6, 7, 8 };

    /// <summary>
    /// Random pairs of one skill; a refresh; then counts move as the writer allows without a refresh (non-members' scores
    /// only fall, members change freely, jobs come and go): wherever the shortlist says it decides, its list is the list
    /// of every pair.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_deciding_shortlist_gives_the_list_every_pair_gives(int seed)
    {
        var random = new Random(seed);
        var decided = 0;
        for (var round = 0; round < 200; round++)
        {
            var partners = Enumerable.Range(0, random.Next(5, 80)).Select(i => $"s{i:000}").ToList();
            var asking = partners.ToDictionary(p => p, _ => (long)random.Next(3, 400));
            var together = partners.ToDictionary(p => p, p => (long)random.Next(0, (int)Math.Min(asking[p], 60) + 1));
            var (members, floor) = PartnerShortlist.Choose(together.Select(p => (p.Key, p.Value)), id => asking[id]);
            var kept = members.Select(m => m.Partner).ToHashSet();
            var total = random.Next(2_000, 5_000);
            var jobs = random.Next(200, 1_000);

            foreach (var partner in partners)
            {
                if (kept.Contains(partner))
                {
                    together[partner] = Math.Max(0, together[partner] + random.Next(-5, 6));
                    asking[partner] = Math.Max(together[partner], asking[partner] + random.Next(-5, 30));
                }
                else
                {
                    asking[partner] += random.Next(0, 30); // asked for elsewhere: its score falls
                }
            }

            total += random.Next(-100, 100);
            jobs += random.Next(-20, 20);
            var all = MarketInsights.With(together.Select(p => (p.Key, (int)p.Value)), total, jobs, id => (int)asking[id]);
            var fromMembers = MarketInsights.With(together.Where(p => kept.Contains(p.Key)).Select(p => (p.Key, (int)p.Value)), total, jobs, id => (int)asking[id]);
            if (PartnerShortlist.Decides(fromMembers, floor, total, jobs))
            {
                decided++;
                Assert.Equal(all, fromMembers);
            }
        }

        Assert.True(decided > 50, $"only {decided} of 200 shortlists decided: the property was hardly tested");
    }
}
