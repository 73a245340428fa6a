using TalentMatch.Core.Skills.Matching;

namespace TalentMatch.Core.Skills;

/// <summary>Coarse script-based language guess: enough to tell English, Chinese and mixed documents apart.</summary>
public static class LanguageDetector
{
    /// <summary>Returns <c>zh</c>, <c>en</c>, <c>mixed</c>, or <c>und</c> when there are no letters.</summary>
    /// <remarks>
    /// Latin letters count as English prose only inside runs of three or more words: a Chinese ad full of
    /// "PyTorch", "CUDA kernel" and "LLM" is still Chinese, while "Responsibilities: build RAG pipelines" is English.
    /// </remarks>
    public static string Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        long cjk = 0, prose = 0, terms = 0, junk = 0;
        int runWords = 0, runLetters = 0;
        var inWord = false;
        void EndRun()
        {
            if (runWords >= 3)
            {
                prose += runLetters;
            }
            else
            {
                terms += runLetters;
            }

            runWords = 0;
            runLetters = 0;
        }

        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c))
            {
                runLetters++;
                if (!inWord)
                {
                    runWords++;
                    inWord = true;
                }

                continue;
            }

            inWord = false;
            if (c is ' ' or ',' or ':' or ';' or '\'' or '-' or '(' or ')' or '/' || char.IsAsciiDigit(c))
            {
                continue; // still inside a run of words
            }

            EndRun();
            if (NormalizedText.IsCjk(c))
            {
                cjk++;
            }
            else if (c == '\uFFFD' || char.IsControl(c) || char.IsSurrogate(c))
            {
                junk++;
            }
        }

        EndRun();
        // Decoded binary: replacement characters and controls everywhere, random CJK in between.
        if (cjk + prose + terms == 0 || junk * 10 > text.Length)
        {
            return "und";
        }

        // One Chinese character carries about as much as three English letters.
        var share = cjk / (cjk + (prose / 3.0));
        return cjk == 0 ? "en" : share switch
        {
            >= 0.7 => "zh",
            <= 0.1 => "en",
            _ => "mixed",
        };
    }
}
