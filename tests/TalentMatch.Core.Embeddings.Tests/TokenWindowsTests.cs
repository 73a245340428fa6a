namespace TalentMatch.Core.Embeddings.Tests;

public sealed class TokenWindowsTests
{
    [Fact]
    public void A_sequence_that_fits_is_one_window()
    {
        Assert.Equal([(0, 254)], TokenWindows.Split(254, 254, 32, _ => false));
    }

    [Theory]
    [InlineData(255)]
    [InlineData(600)]
    [InlineData(1000)]
    public void Windows_cover_every_token_overlap_and_fit_the_model(int length)
    {
        var windows = TokenWindows.Split(length, 254, 32, _ => false);

        Assert.True(windows.Count > 1);
        Assert.Equal(0, windows[0].Start);
        Assert.Equal(length, windows[^1].Start + windows[^1].Length);
        Assert.All(windows, w => Assert.InRange(w.Length, 1, 254));
        for (var i = 1; i < windows.Count; i++)
        {
            var previousEnd = windows[i - 1].Start + windows[i - 1].Length;
            Assert.True(windows[i].Start < previousEnd, $"window {i} starts at {windows[i].Start}, after {previousEnd}");
        }
    }

    [Fact]
    public void The_last_window_is_full_length_rather_than_a_short_tail()
    {
        var windows = TokenWindows.Split(300, 254, 32, _ => false);

        Assert.Equal([(0, 254), (46, 254)], windows);
    }

    [Fact]
    public void Windows_start_at_the_first_piece_of_a_word()
    {
        // Every token at an index divisible by 5 starts a word; the others are ## pieces.
        var windows = TokenWindows.Split(1000, 254, 32, i => i % 5 != 0);

        Assert.All(windows, w => Assert.Equal(0, w.Start % 5));
    }
}
