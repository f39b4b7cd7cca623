using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Otklik.Core.Linguistics;

namespace Otklik.Triage.Text;

/// <summary>What the normaliser noticed about a token's spelling.</summary>
[Flags]
public enum TokenShape
{
    None = 0,

    /// <summary>Starts with an upper-case letter in the original.</summary>
    Capitalised = 1,

    /// <summary>Latin or digit look-alikes were read as Cyrillic ("xyй", "6ля").</summary>
    LookAlikes = 2,

    /// <summary>Holds a masking character ('*', '#') standing for a hidden letter ("х*й").</summary>
    Masked = 4,

    /// <summary>Glued from spaced or dotted single letters ("б л я", "х.у.й").</summary>
    Joined = 8,

    /// <summary>A letter was stretched three times or more ("ооочень").</summary>
    Stretched = 16,

    /// <summary>Digits only.</summary>
    Number = 32,
}

/// <summary>
/// One word of a text. <see cref="Word"/> is lower case, ё→е, look-alikes read as Cyrillic, separators and stretched
/// letters removed (runs of three or more become one letter; legitimate doubles such as "касса" stay);
/// <see cref="Doubled"/> is the same with stretched runs kept at two (it differs only for stretched words);
/// <see cref="Stem"/> is its Snowball stem. <see cref="Start"/> and <see cref="Length"/> locate the original span.
/// </summary>
public readonly record struct TextToken(int Start, int Length, string Word, string Doubled, string Stem, TokenShape Shape)
{
    public int End => Start + Length;

    public bool Has(TokenShape shape) => (Shape & shape) == shape;
}

/// <summary>A text and its tokens.</summary>
public sealed class NormalisedText
{
    internal NormalisedText(string text, TextToken[] tokens)
    {
        Text = text;
        TokenArray = tokens;
    }

    public string Text { get; }

    public IReadOnlyList<TextToken> Tokens => TokenArray;

    internal TextToken[] TokenArray { get; }

    /// <summary>The original spelling of a token ("Х.у.Й", "ООочень").</summary>
    public string Original(TextToken token) => Text.Substring(token.Start, token.Length);

    /// <summary>The original text from the first to the last token given (inclusive), e.g. a matched phrase.</summary>
    public string Original(int firstToken, int lastToken)
    {
        var first = TokenArray[firstToken];
        var last = TokenArray[lastToken];
        return Text[first.Start..last.End];
    }
}

/// <summary>
/// Russian text normalisation and tokenisation for triage: lower case, ё→е; Latin and digit look-alikes read as
/// Cyrillic inside words that have Cyrillic letters (or consist only of look-alikes: "cyka"); stretched letters
/// collapsed; masks ("х*й") kept as '*'; spaced or dotted single letters glued ("б л я", "х.у.й"); stems from the
/// Snowball stemmer. Thread-safe; normalised words are interned in a bounded cache so that frequent words cost no
/// allocation.
/// </summary>
public static class TextNormalizer
{
    private const int WordCacheLimit = 200_000;
    private const int MaxWordLength = 64;

    private static readonly ConcurrentDictionary<string, WordForms> s_words = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, WordForms>.AlternateLookup<ReadOnlySpan<char>> s_wordLookup =
        s_words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Normalises and tokenises a text.</summary>
    public static NormalisedText Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<TextToken>(Math.Max(4, text.Length / 6));
        var buffer = ArrayPool<char>.Shared.Rent(MaxWordLength * 2);
        try
        {
            var i = 0;
            while (i < text.Length)
            {
                if (!IsWordStart(text, i))
                {
                    i++;
                    continue;
                }
                var start = i;
                var end = ScanWord(text, i);
                AddToken(text, start, end, buffer, tokens);
                i = end;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
        return new NormalisedText(text, JoinSpacedLetters(text, tokens));
    }

    /// <summary>The normalised form of a single word, as <see cref="TextToken.Word"/> would be.</summary>
    public static string NormaliseWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var t = Normalise(word).Tokens;
        return t.Count == 0 ? string.Empty : string.Concat(t.Select(x => x.Word));
    }

    /// <summary>True when the text has at least one Cyrillic letter.</summary>
    public static bool HasCyrillic(ReadOnlySpan<char> text) => RussianStemmer.HasCyrillic(text);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsCyrillic(char c) => c is (>= 'а' and <= 'я') or (>= 'А' and <= 'Я') or 'ё' or 'Ё';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsMask(char c) => c is '*' or '#' or '$' or '@';

    private static bool IsWordStart(string text, int i)
    {
        var c = text[i];
        if (char.IsLetterOrDigit(c))
            return true;
        // A mask opens a word only before a letter ("*уй"), never as a bullet or a lone star.
        return IsMask(c) && i + 1 < text.Length && char.IsLetter(text[i + 1]);
    }

    /// <summary>The end of the word starting at <paramref name="i"/>: letters, digits, masks, and joiners
    /// ('-', '\'', '’', '_') between two word characters.</summary>
    private static int ScanWord(string text, int i)
    {
        var n = text.Length;
        while (i < n)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c) || c == '\u0301')
            {
                i++;
                continue;
            }
            if (IsMask(c))
            {
                // "х**", "бл*": masks may run to the end of a word, but a trailing lone '*' after a full word is kept out.
                var j = i;
                while (j < n && IsMask(text[j]))
                    j++;
                var before = i > 0 && char.IsLetter(text[i - 1]);
                var after = j < n && char.IsLetter(text[j]);
                if (after || before)
                {
                    i = j;
                    continue;
                }
                break;
            }
            if (c is '-' or '\'' or '’' or '_' && i + 1 < n && (char.IsLetterOrDigit(text[i + 1]) || IsMask(text[i + 1])))
            {
                i++;
                continue;
            }
            break;
        }
        return i;
    }

    private static void AddToken(string text, int start, int end, char[] buffer, List<TextToken> tokens)
    {
        var raw = text.AsSpan(start, end - start);
        if (raw.Length > MaxWordLength)
            raw = raw[..MaxWordLength];
        var shape = TokenShape.None;
        if (char.IsUpper(raw[0]))
            shape |= TokenShape.Capitalised;

        // Does the word read as Russian? Any Cyrillic letter, or only Latin look-alikes ("cyka").
        int cyrillic = 0, letters = 0, unmappableLatin = 0, digits = 0;
        foreach (var c in raw)
        {
            if (IsCyrillic(c))
            {
                cyrillic++;
                letters++;
            }
            else if (char.IsAsciiLetter(c))
            {
                letters++;
                if (LookAlike(c) == '\0')
                    unmappableLatin++;
            }
            else if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (char.IsLetter(c))
            {
                letters++;
            }
        }
        if (letters == 0 && digits > 0 && digits == raw.Length)
            shape |= TokenShape.Number;
        // An all-Latin word is read as Cyrillic only when every letter is a look-alike ("cyka"; "coke" would be too,
        // which is harmless: it matches nothing Russian).
        var russian = cyrillic > 0 || (letters >= 3 && unmappableLatin == 0 && digits == 0);
        // Digits stand for letters only inside a Russian word that is mostly letters ("6ля", "п0дъезд", not "2024г").
        var digitsAsLetters = cyrillic > 0 && digits < letters;

        // Normalise into the buffer: lower case, ё→е, look-alikes, masks, joiners.
        var w = buffer.AsSpan(0, MaxWordLength);
        var len = 0;
        for (var k = 0; k < raw.Length; k++)
        {
            var c = raw[k];
            if (c == '\u0301')
                continue; // combining stress mark
            char o;
            if (IsCyrillic(c))
            {
                o = char.ToLowerInvariant(c);
                if (o == 'ё')
                    o = 'е';
            }
            else if (char.IsAsciiLetter(c))
            {
                var mapped = russian ? LookAlike(c) : '\0';
                if (mapped != '\0')
                {
                    o = mapped;
                    shape |= TokenShape.LookAlikes;
                }
                else
                {
                    o = char.ToLowerInvariant(c);
                }
            }
            else if (char.IsAsciiDigit(c))
            {
                var mapped = digitsAsLetters ? DigitLookAlike(c) : '\0';
                if (mapped != '\0')
                {
                    o = mapped;
                    shape |= TokenShape.LookAlikes;
                }
                else
                {
                    o = c;
                }
            }
            else if (c == '@')
            {
                if (russian)
                {
                    o = 'а';
                    shape |= TokenShape.LookAlikes;
                }
                else
                {
                    o = '*';
                    shape |= TokenShape.Masked;
                }
            }
            else if (IsMask(c))
            {
                o = '*';
                shape |= TokenShape.Masked;
            }
            else if (c is '\'' or '’' or '_')
            {
                continue; // "об'явление", "х_уй": joiners vanish
            }
            else
            {
                o = char.ToLowerInvariant(c);
            }
            w[len++] = o;
        }

        // Stretched letters: runs of three or more become one letter in Word and two in Doubled.
        var doubled = buffer.AsSpan(MaxWordLength, MaxWordLength);
        int single = 0, two = 0;
        for (var k = 0; k < len;)
        {
            var run = 1;
            while (k + run < len && w[k + run] == w[k])
                run++;
            if (run >= 3 && char.IsLetter(w[k]))
            {
                shape |= TokenShape.Stretched;
                w[single++] = w[k];
                doubled[two++] = w[k];
                doubled[two++] = w[k];
            }
            else
            {
                for (var r = 0; r < run; r++)
                {
                    w[single++] = w[k];
                    doubled[two++] = w[k];
                }
            }
            k += run;
        }
        if (single == 0)
            return;

        var forms = Intern(w[..single]);
        var doubledWord = (shape & TokenShape.Stretched) != 0 ? Intern(doubled[..two]).Word : forms.Word;
        tokens.Add(new TextToken(start, end - start, forms.Word, doubledWord, forms.Stem, shape));
    }

    /// <summary>Glues runs of three or more single-letter tokens separated only by spaces or dots ("б л я", "х.у.й").</summary>
    private static TextToken[] JoinSpacedLetters(string text, List<TextToken> tokens)
    {
        var i = 0;
        List<TextToken>? result = null;
        Span<char> glued = stackalloc char[MaxWordLength];
        while (i < tokens.Count)
        {
            var run = 1;
            if (IsSingleLetter(tokens[i]))
            {
                while (i + run < tokens.Count && IsSingleLetter(tokens[i + run])
                       && OnlySeparators(text, tokens[i + run - 1].End, tokens[i + run].Start))
                    run++;
            }
            if (run >= 3)
            {
                result ??= tokens.GetRange(0, i);
                var length = Math.Min(run, MaxWordLength);
                for (var k = 0; k < length; k++)
                    glued[k] = tokens[i + k].Word[0];
                var forms = Intern(glued[..length]);
                var first = tokens[i];
                var last = tokens[i + run - 1];
                result.Add(new TextToken(first.Start, last.End - first.Start, forms.Word, forms.Word, forms.Stem,
                    (first.Shape & TokenShape.Capitalised) | TokenShape.Joined));
                i += run;
                continue;
            }
            result?.Add(tokens[i]);
            i++;
        }
        return result is null ? [.. tokens] : [.. result];
    }

    private static bool IsSingleLetter(TextToken t) => t.Length == 1 && t.Word.Length == 1 && char.IsLetter(t.Word[0]);

    private static bool OnlySeparators(string text, int from, int to)
    {
        if (to - from is < 1 or > 3)
            return false;
        for (var k = from; k < to; k++)
        {
            if (text[k] is not (' ' or '.' or '_' or '-' or '*' or '\u00A0'))
                return false;
        }
        return true;
    }

    private static WordForms Intern(ReadOnlySpan<char> word)
    {
        if (s_wordLookup.TryGetValue(word, out var forms))
            return forms;
        var s = word.ToString();
        forms = new WordForms(s, RussianStemmer.Stem(s));
        if (s_words.Count >= WordCacheLimit)
            s_words.Clear();
        return s_words.GetOrAdd(s, forms);
    }

    /// <summary>The Cyrillic letter a Latin letter stands for inside a Russian word, or '\0'.</summary>
    internal static char LookAlike(char c) => c switch
    {
        'a' or 'A' => 'а',
        'B' => 'в',
        'b' => 'ь',
        'c' or 'C' => 'с',
        'e' or 'E' => 'е',
        'H' or 'h' => 'н',
        'K' or 'k' => 'к',
        'M' or 'm' => 'м',
        'n' => 'п',
        'O' or 'o' => 'о',
        'P' or 'p' => 'р',
        'r' => 'г',
        'T' or 't' => 'т',
        'u' => 'и',
        'X' or 'x' => 'х',
        'Y' or 'y' => 'у',
        _ => '\0',
    };

    /// <summary>The Cyrillic letter a digit stands for inside a Russian word ("6ля", "3десь"), or '\0'.</summary>
    internal static char DigitLookAlike(char c) => c switch
    {
        '0' => 'о',
        '3' => 'з',
        '4' => 'ч',
        '6' => 'б',
        _ => '\0',
    };

    private sealed record WordForms(string Word, string Stem);
}
