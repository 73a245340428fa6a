using System.Globalization;
using System.Text;

namespace TalentMatch.Core.Documents.Duplicates;

/// <summary>
/// Puts contact details into one spelling, so that the same person's e-mail or phone compares
/// equal however a resume writes it ("Jane.Doe@Example.com ", "+86 138-0013-8000", "0086 13800138000").
/// </summary>
public static class ContactNormalizer
{
    /// <summary>Trimmed and lower-cased; null when it is not an address (no '@', or nothing on a side).</summary>
    public static string? Email(string? email)
    {
        var value = email?.Trim().TrimEnd('.').ToLowerInvariant();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < value.Length - 1 ? value : null;
    }

    /// <summary>
    /// E.164 (<c>+8613800138000</c>) where the country is known: a leading <c>+</c> or <c>00</c>, or a
    /// Chinese mobile number (11 digits, <c>1[3-9]…</c>, with or without <c>86</c>). A national number
    /// of another country has no country code to add: it is kept as its digits, which still compare
    /// equal within one tenant. Null for fewer than 7 or more than 15 digits.
    /// </summary>
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var text = phone.Normalize(NormalizationForm.FormKC).Trim();
        var international = text.StartsWith('+');
        var digits = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (!(char.IsWhiteSpace(c) || c is '-' or '.' or '(' or ')' or '+' or '/'))
            {
                return null; // letters or other marks: not a phone number
            }
        }

        var number = digits.ToString();
        if (!international && number.StartsWith("00", StringComparison.Ordinal))
        {
            number = number[2..];
            international = true;
        }

        if (!international && IsChineseMobile(number))
        {
            return "+86" + number;
        }

        if (!international && number.Length == 13 && number.StartsWith("86", StringComparison.Ordinal) && IsChineseMobile(number[2..]))
        {
            return "+" + number;
        }

        if (international && number.StartsWith("860", StringComparison.Ordinal))
        {
            number = "86" + number[3..]; // "+86 (0)10 …": the trunk zero is not dialled from abroad
        }

        if (number.Length is < 7 or > 15)
        {
            return null;
        }

        return international ? "+" + number : number;
    }

    /// <summary>A name's letters, lower-cased, its words in alphabetical order ("DOE, Jane" = "Jane Doe"); null when under two letters.</summary>
    public static string? Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var words = Words(name);
        words.Sort(StringComparer.Ordinal);
        var joined = string.Join(' ', words);
        return joined.Count(char.IsLetter) >= 2 ? joined : null;
    }

    private static readonly HashSet<string> LegalForms =
    [
        "inc", "ltd", "llc", "llp", "co", "corp", "corporation", "company", "limited", "pvt", "private", "gmbh", "plc", "sa", "ag", "the",
        "有限公司", "有限责任公司", "股份有限公司", "公司", "集团",
    ];

    /// <summary>An employer's name without case, punctuation or legal form ("Acme Corp." = "ACME"); null when nothing is left.</summary>
    public static string? Employer(string? employer)
    {
        if (string.IsNullOrWhiteSpace(employer))
        {
            return null;
        }

        var words = Words(employer);
        words.RemoveAll(LegalForms.Contains);
        var joined = string.Join(' ', words);
        foreach (var suffix in LegalForms.Where(f => f.Length > 2 && !f.All(char.IsAsciiLetter)))
        {
            if (joined.EndsWith(suffix, StringComparison.Ordinal) && joined.Length > suffix.Length)
            {
                joined = joined[..^suffix.Length];
                break;
            }
        }

        return joined.Length >= 2 ? joined : null;
    }

    private static List<string> Words(string value)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in value.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static bool IsChineseMobile(string digits) =>
        digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9';
}
