using System.Globalization;
using System.Resources;

namespace Otklik.Connectors.Resources;

/// <summary>What the connectors tell the administrator (Resources/Messages.resx: Russian; Messages.en.resx: English).</summary>
public static class Text
{
    private static readonly ResourceManager Messages = new("Otklik.Connectors.Resources.Messages", typeof(Text).Assembly);

    public static string Get(string key, params object?[] args)
    {
        var template = Messages.GetString(key, CultureInfo.CurrentUICulture) ?? key;
        return args.Length == 0 ? template : string.Format(CultureInfo.CurrentCulture, template, args);
    }
}
