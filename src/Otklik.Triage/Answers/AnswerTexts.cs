using Otklik.Core.Answers;

namespace Otklik.Triage.Answers;

/// <summary>The triage's text rules for answers, as the core asks for them: the formal-answer check and the reading of replies.</summary>
public sealed class AnswerTexts : IAnswerTexts
{
    public IReadOnlyList<Finding> Review(string draft, string message, string? authorName, IReadOnlyList<string> bodyAnswers) =>
        AnswerCheck.Shipped.Review(draft, message, authorName, bodyAnswers);

    public ReplyReading ReadReply(string text) => ReplyReader.Shipped.Read(text);
}
