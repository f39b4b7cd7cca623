using System.Globalization;
using System.Resources;

namespace Otklik.Core.Publishing;

/// <summary>What publication, photos, replies and the formal-answer check tell people (Resources/Publication.resx: Russian; .en: English).</summary>
public static class PublicationText
{
    private static readonly ResourceManager Messages = new("Otklik.Core.Resources.Publication", typeof(PublicationText).Assembly);

    public static string Get(string key, params object?[] args)
    {
        var template = Messages.GetString(key, CultureInfo.CurrentUICulture) ?? key;
        return args.Length == 0 ? template : string.Format(CultureInfo.CurrentCulture, template, args);
    }
}
