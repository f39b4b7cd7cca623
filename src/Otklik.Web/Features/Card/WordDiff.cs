namespace Otklik.Web.Features.Card;

/// <summary>What happened to a run of words between two versions of a draft.</summary>
public enum DiffOp
{
    Same,
    Inserted,
    Deleted,
}

/// <summary>A run of consecutive words with the same fate.</summary>
public sealed record DiffRun(DiffOp Op, string Text);

/// <summary>
/// A word-level diff of two texts by the longest common subsequence. Drafts are a few hundred words, so the
/// quadratic table is small; past <see cref="MaxWords"/> on either side the whole text counts as replaced.
/// </summary>
public static class WordDiff
{
    public const int MaxWords = 3000;

    public static IReadOnlyList<DiffRun> Compare(string? before, string? after)
    {
        var a = Words(before);
        var b = Words(after);
        if (a.Length > MaxWords || b.Length > MaxWords)
            return Merge([.. a.Select(w => (DiffOp.Deleted, w)), .. b.Select(w => (DiffOp.Inserted, w))]);

        // lcs[i, j]: the length of the longest common subsequence of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = string.Equals(a[i], b[j], StringComparison.Ordinal) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        }

        var ops = new List<(DiffOp, string)>(a.Length + b.Length);
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (string.Equals(a[x], b[y], StringComparison.Ordinal))
            {
                ops.Add((DiffOp.Same, a[x]));
                x++;
                y++;
            }
            else if (lcs[x + 1, y] >= lcs[x, y + 1])
            {
                ops.Add((DiffOp.Deleted, a[x++]));
            }
            else
            {
                ops.Add((DiffOp.Inserted, b[y++]));
            }
        }
        while (x < a.Length)
            ops.Add((DiffOp.Deleted, a[x++]));
        while (y < b.Length)
            ops.Add((DiffOp.Inserted, b[y++]));
        return Merge(ops);
    }

    private static string[] Words(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Joins neighbouring words of one kind, deletions before insertions where they alternate.</summary>
    private static List<DiffRun> Merge(List<(DiffOp Op, string Word)> ops)
    {
        var runs = new List<DiffRun>();
        var i = 0;
        while (i < ops.Count)
        {
            if (ops[i].Op == DiffOp.Same)
            {
                var start = i;
                while (i < ops.Count && ops[i].Op == DiffOp.Same)
                    i++;
                runs.Add(new DiffRun(DiffOp.Same, string.Join(' ', ops.Skip(start).Take(i - start).Select(o => o.Word))));
                continue;
            }
            var deleted = new List<string>();
            var inserted = new List<string>();
            while (i < ops.Count && ops[i].Op != DiffOp.Same)
            {
                (ops[i].Op == DiffOp.Deleted ? deleted : inserted).Add(ops[i].Word);
                i++;
            }
            if (deleted.Count > 0)
                runs.Add(new DiffRun(DiffOp.Deleted, string.Join(' ', deleted)));
            if (inserted.Count > 0)
                runs.Add(new DiffRun(DiffOp.Inserted, string.Join(' ', inserted)));
        }
        return runs;
    }
}
