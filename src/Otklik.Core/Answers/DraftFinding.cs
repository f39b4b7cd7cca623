using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otklik.Core.Answers;

/// <summary>The codes of what the formal-answer check («отписка») finds in a draft.</summary>
public static class FindingCodes
{
    /// <summary>The overall verdict: the draft looks like a formal answer.</summary>
    public const string Formal = "formal";

    /// <summary>No greeting, name or "вы": the author is not addressed.</summary>
    public const string NoAddress = "no-address";

    /// <summary>The place the message names (street, house, town, object) is not in the answer.</summary>
    public const string NoPlace = "no-place";

    /// <summary>The problem the message is about is not in the answer.</summary>
    public const string NoProblem = "no-problem";

    /// <summary>No action done or planned is named.</summary>
    public const string NoAction = "no-action";

    /// <summary>No date or term.</summary>
    public const string NoTerm = "no-term";

    /// <summary>Nobody is named as doing it.</summary>
    public const string NoDoer = "no-doer";

    /// <summary>Stock bureaucratic phrases («принята к сведению», «находится на контроле»…).</summary>
    public const string StockPhrase = "stock-phrase";

    /// <summary>Phrases this body reuses across many answers.</summary>
    public const string Boilerplate = "boilerplate";

    public static IReadOnlyList<string> All { get; } = [Formal, NoAddress, NoPlace, NoProblem, NoAction, NoTerm, NoDoer, StockPhrase, Boilerplate];
}

/// <summary>
/// One finding of the formal-answer check on one draft version, with the phrases that triggered it (or what was looked
/// for and missed). Kept per version so reports can count them; nothing is ever blocked by a finding.
/// </summary>
public sealed class DraftFinding
{
    public long Id { get; set; }

    public long DraftId { get; set; }

    public Draft? Draft { get; set; }

    public long IncidentId { get; set; }

    public int DraftVersion { get; set; }

    /// <summary>The main body whose answer it is (for reports by body).</summary>
    public int? BodyId { get; set; }

    /// <summary>One of <see cref="FindingCodes"/>.</summary>
    public required string Code { get; set; }

    /// <summary>The phrases that triggered it, or what the message named and the answer missed (joined with " · ").</summary>
    public string? Evidence { get; set; }

    public DateTime At { get; set; }
}

public sealed class DraftFindingConfiguration : IEntityTypeConfiguration<DraftFinding>
{
    public void Configure(EntityTypeBuilder<DraftFinding> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasIndex(f => new { f.IncidentId, f.DraftVersion });
        builder.HasIndex(f => new { f.Code, f.At });
        builder.HasIndex(f => f.DraftId);
        builder.Property(f => f.Code).HasMaxLength(32);
        builder.Property(f => f.Evidence).HasMaxLength(2000);
        builder.HasOne(f => f.Draft).WithMany().HasForeignKey(f => f.DraftId);
    }
}

/// <summary>
/// The text rules of this feature, implemented by the triage (Russian rules over stems): the formal-answer check of a
/// draft, and the reading of an author's reply ("не решено").
/// </summary>
public interface IAnswerTexts
{
    /// <param name="draft">The draft's text.</param>
    /// <param name="message">The citizen's message it answers.</param>
    /// <param name="authorName">The author's name as the network gave it, if any.</param>
    /// <param name="bodyAnswers">Other answers of the same body (newest first), to find its reused phrases.</param>
    IReadOnlyList<Finding> Review(string draft, string message, string? authorName, IReadOnlyList<string> bodyAnswers);

    /// <summary>Does the author's reply say the problem is not solved, and with which words?</summary>
    ReplyReading ReadReply(string text);
}

/// <summary>A finding as the check returns it: the code and the phrases.</summary>
public sealed record Finding(string Code, IReadOnlyList<string> Evidence);

/// <summary>What an author's reply says: not solved (with the words that decided it), or anything else.</summary>
public sealed record ReplyReading(bool NotSolved, IReadOnlyList<string> Words);
