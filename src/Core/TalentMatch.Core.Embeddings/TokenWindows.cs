namespace TalentMatch.Core.Embeddings;

/// <summary>
/// Splits a long token sequence into overlapping windows that each fit the model, so that no part of
/// a long text is silently cut off.
/// </summary>
internal static class TokenWindows
{
    /// <summary>
    /// Windows over <paramref name="contentLength"/> content tokens (no [CLS]/[SEP]), each at most
    /// <paramref name="maxContent"/> long, consecutive ones sharing about <paramref name="overlap"/> tokens.
    /// The last window ends at the end of the text, so no window is a short tail that would weigh as
    /// much as a full one. Starts move forward to a word's first piece where one is near.
    /// </summary>
    public static List<(int Start, int Length)> Split(int contentLength, int maxContent, int overlap, Func<int, bool> isContinuationAt)
    {
        if (contentLength <= maxContent)
        {
            return [(0, contentLength)];
        }

        var step = maxContent - overlap;
        var windows = new List<(int Start, int Length)>();
        var start = 0;
        while (true)
        {
            if (start + maxContent >= contentLength)
            {
                start = AlignToWord(contentLength - maxContent, contentLength, overlap, isContinuationAt);
                windows.Add((start, contentLength - start));
                return windows;
            }

            windows.Add((start, maxContent));
            start = AlignToWord(start + step, contentLength, overlap, isContinuationAt);
        }
    }

    private static int AlignToWord(int start, int contentLength, int overlap, Func<int, bool> isContinuationAt)
    {
        // Look ahead at most half the overlap so that windows still overlap.
        var limit = Math.Min(contentLength - 1, start + Math.Max(overlap / 2, 0));
        for (var i = start; i <= limit; i++)
        {
            if (!isContinuationAt(i))
            {
                return i;
            }
        }

        return start;
    }
}
