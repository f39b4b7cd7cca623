using System.Globalization;
using System.Resources;

namespace Otklik.Core.Voting;

/// <summary>User-facing texts of the voting core (Resources/Voting.resx: Russian; Voting.en.resx: English).</summary>
public static class VoteText
{
    private static readonly ResourceManager Messages = new("Otklik.Core.Resources.Voting", typeof(VoteText).Assembly);

    public static string Get(string key, params object?[] args)
    {
        var template = Messages.GetString(key, CultureInfo.CurrentUICulture) ?? key;
        return args.Length == 0 ? template : string.Format(CultureInfo.CurrentCulture, template, args);
    }
}
