using Otklik.Core.Answers;
using Otklik.Triage.Data;
using Otklik.Triage.Text;

namespace Otklik.Triage.Answers;

/// <summary>
/// Reads an author's reply in the thread after an answer (Data/reply-rules.txt): does it say the problem is not solved
/// («не решено», «ничего не сделали», «до сих пор», «опять»…), and with which words. «Опять» and «снова» count only when
/// nothing in the reply says it is solved («спасибо, снова работает»).
/// </summary>
public sealed class ReplyReader
{
    private readonly CueLexicon _notSolved;
    private readonly CueLexicon _weak;
    private readonly CueLexicon _solved;

    public static ReplyReader Shipped { get; } = new(TriageData.Rules("reply-rules.txt").ToList());

    public ReplyReader(IReadOnlyList<(string Kind, string Value)> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        CueLexicon Of(string kind) => new(rules.Where(r => r.Kind == kind).Select((r, i) => ($"{kind}{i}", r.Value)));
        _notSolved = Of("notsolved");
        _weak = Of("weak");
        _solved = Of("solved");
    }

    public ReplyReading Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalised = TextNormalizer.Normalise(text);
        string Phrase(CueHit h) => normalised.Original(h.First, h.Last);
        var strong = _notSolved.Match(normalised).Select(Phrase).Distinct().ToList();
        if (strong.Count > 0)
            return new ReplyReading(true, strong);
        var weak = _weak.Match(normalised).Select(Phrase).Distinct().ToList();
        if (weak.Count > 0 && _solved.Match(normalised).Count == 0)
            return new ReplyReading(true, weak);
        return new ReplyReading(false, []);
    }
}
