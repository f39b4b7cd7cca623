using System.Globalization;
using System.Resources;

namespace Otklik.Core.Reports;

/// <summary>The reports' and notifications' user-facing text (Russian, English beside it): Resources/Reports.resx.</summary>
public static class ReportText
{
    private static readonly ResourceManager Resources = new("Otklik.Core.Resources.Reports", typeof(ReportText).Assembly);

    public static string Get(string key, params object?[] args)
    {
        var template = Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
        return args.Length == 0 ? template : string.Format(CultureInfo.CurrentCulture, template, args);
    }
}
