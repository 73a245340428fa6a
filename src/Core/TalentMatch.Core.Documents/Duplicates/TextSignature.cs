using System.Globalization;
using System.Text;

namespace TalentMatch.Core.Documents.Duplicates;

/// <summary>
/// A MinHash signature of a text: <see cref="Length"/> minimum hashes over its character 5-grams,
/// taken after case, width, punctuation and white space are folded away. Two signatures agree in
/// about the share of positions that the two texts' 5-gram sets overlap (their Jaccard similarity),
/// so a re-extracted PDF, a re-ordered or slightly edited version of a resume scores near 1, and
/// a different person's resume in the same trade far lower. Characters rather than words, so that
/// Chinese (no spaces) and PDF text with lost or extra spaces fingerprint the same way.
/// </summary>
public static class TextSignature
{
    /// <summary>Hashes per signature: <see cref="Bands"/> bands of <see cref="RowsPerBand"/>.</summary>
    public const int Length = Bands * RowsPerBand;

    /// <summary>
    /// Lookup bands: two texts share at least one band (and so are compared at all) with probability
    /// 1 − (1 − J³)²⁰: 0.93 at Jaccard 0.5, 0.99 at 0.6, 0.02 at 0.1.
    /// </summary>
    public const int Bands = 20;

    public const int RowsPerBand = 3;

    /// <summary>Characters per shingle.</summary>
    public const int ShingleLength = 5;

    /// <summary>Folded characters read at most: a resume is far shorter; a hostile text stops here.</summary>
    public const int MaxCharacters = 200_000;

    private static readonly ulong[] Seeds = CreateSeeds();

    /// <summary>The signature; all <see cref="ulong.MaxValue"/> (matching nothing) for a text shorter than one shingle.</summary>
    public static ulong[] Compute(string text)
    {
        var folded = Fold(text);
        var signature = new ulong[Length];
        Array.Fill(signature, ulong.MaxValue);
        for (var start = 0; start + ShingleLength <= folded.Length; start++)
        {
            var shingle = Fnv1a(folded.AsSpan(start, ShingleLength));
            for (var i = 0; i < Length; i++)
            {
                var h = Mix(shingle ^ Seeds[i]);
                if (h < signature[i])
                {
                    signature[i] = h;
                }
            }
        }

        return signature;
    }

    /// <summary>The estimated Jaccard similarity of the two texts' shingle sets (0–1).</summary>
    public static double Similarity(IReadOnlyList<ulong> a, IReadOnlyList<ulong> b)
    {
        if (a.Count != Length || b.Count != Length)
        {
            return 0;
        }

        var same = 0;
        for (var i = 0; i < Length; i++)
        {
            if (a[i] == b[i] && a[i] != ulong.MaxValue)
            {
                same++;
            }
        }

        return same / (double)Length;
    }

    /// <summary>One hash per band (of its rows), for an indexed lookup of the texts that may be similar.</summary>
    public static IEnumerable<ulong> BandHashes(IReadOnlyList<ulong> signature)
    {
        for (var band = 0; band < Bands; band++)
        {
            var hash = 14695981039346656037UL;
            var empty = true;
            for (var row = 0; row < RowsPerBand; row++)
            {
                var value = signature[band * RowsPerBand + row];
                empty &= value == ulong.MaxValue;
                hash = Mix(hash ^ value);
            }

            if (!empty)
            {
                yield return hash;
            }
        }
    }

    /// <summary>Lower-case letters and digits only, full-width folded to ASCII (NFKC).</summary>
    internal static string Fold(string text)
    {
        var source = text.Length > MaxCharacters * 2 ? text[..(MaxCharacters * 2)] : text;
        var folded = new StringBuilder(Math.Min(source.Length, MaxCharacters));
        foreach (var c in source.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                folded.Append(char.ToLower(c, CultureInfo.InvariantCulture));
                if (folded.Length == MaxCharacters)
                {
                    break;
                }
            }
        }

        return folded.ToString();
    }

    private static ulong Fnv1a(ReadOnlySpan<char> chars)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in chars)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>SplitMix64's finaliser: a well-mixed 64-bit permutation, so seed ^ x gives independent-enough hash functions.</summary>
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9UL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebUL;
        return x ^ (x >> 31);
    }

    private static ulong[] CreateSeeds()
    {
        // Fixed, so that signatures stored yesterday compare with today's.
        var seeds = new ulong[Length];
        var state = 0x5EED_D0C5_2026UL;
        for (var i = 0; i < Length; i++)
        {
            state += 0x9e3779b97f4a7c15UL;
            seeds[i] = Mix(state);
        }

        return seeds;
    }
}
