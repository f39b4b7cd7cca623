using Otklik.Core.Resources;

namespace Otklik.Core.Incidents;

/// <summary>
/// The longest text a person or a connector may send, per kind of text: the use cases refuse longer ones with the
/// limit named, and the forms show the same limits while one types.
/// </summary>
public static class TextLimits
{
    /// <summary>A citizen's message as received (posts and comments of VK, OK, Telegram, a blog or media item).</summary>
    public const int Message = 20_000;

    /// <summary>A draft answer, an interim answer or a clarification request, and a co-executor's input.</summary>
    public const int Draft = 10_000;

    /// <summary>A curator's remarks on a draft or a co-executor's input (clauses 15, 18).</summary>
    public const int Remarks = 4_000;

    /// <summary>A reason: return as not competent (clause 10), exclusion, closing, a routing comment.</summary>
    public const int Reason = 2_000;

    /// <summary>The author's reply recorded on the card.</summary>
    public const int Reply = 10_000;

    /// <summary>
    /// Refuses a text longer than <paramref name="max"/>, naming the field, the limit and the length, and one with a
    /// NUL or another control character (line breaks and tabs are text).
    /// </summary>
    public static void Check(string? text, int max, string field)
    {
        if (text is null)
            return;
        if (text.Length > max)
            throw new WorkflowException(WorkflowError.Invalid, Text.Get("TextTooLong", max, text.Length), field);
        if (HasControlCharacters(text))
            throw new WorkflowException(WorkflowError.Invalid, Text.Get("ControlCharacters"), field);
    }

    /// <summary>A NUL or another control character other than a line break or a tab.</summary>
    public static bool HasControlCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
                return true;
        }
        return false;
    }
}
