using Microsoft.Extensions.Localization;
using Otklik.Core.Voting;

namespace Otklik.Web.Features.Voting;

/// <summary>Marker for the voting pages' texts: Resources/Features/Voting/VotingText.resx (Russian) and .en.resx.</summary>
public sealed class VotingText;

/// <summary>How counting notes read on the page and in the export.</summary>
public static class ResultNotes
{
    public static string Describe(ResultNote note, IStringLocalizer<VotingText> t)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(t);
        return note.Kind switch
        {
            NoteKind.OverRemaining => t["NoteOverRemaining", BallotRules.Money(note.Remaining ?? 0)],
            NoteKind.TieCheaperFirst => t["NoteTieCheaper", note.TiedWith ?? 0],
            NoteKind.TieLowerNumberFirst => t["NoteTieNumber", note.TiedWith ?? 0],
            NoteKind.NoVotes => t["NoteNoVotes"],
            _ => t["NoteBelowCut"],
        };
    }
}
