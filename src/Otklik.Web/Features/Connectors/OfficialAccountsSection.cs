using System.Net;
using System.Text;
using Microsoft.Extensions.Localization;
using Otklik.Core.Connectors.UseCases;

namespace Otklik.Web.Features.Connectors;

/// <summary>The region's official accounts on the public <c>/about</c> page, as clause 6 of 753-п has them published.</summary>
public static class OfficialAccountsSection
{
    public static string Html(IReadOnlyList<ListPublicAccounts.Row> accounts, IStringLocalizer<ConnectorsText> text)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(text);
        if (accounts.Count == 0)
            return "";
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder().Append("<h2>").Append(E(text["PublicAccountsTitle"])).Append("</h2><ul class=\"official-accounts\">");
        foreach (var a in accounts)
        {
            html.Append("<li>").Append(E(a.Body)).Append(" — ").Append(E(text["Channel_" + a.Channel])).Append(": ");
            if (a.Url is { } url)
                html.Append("<a href=\"").Append(E(url)).Append("\" rel=\"noopener\">").Append(E(a.Name)).Append("</a>");
            else
                html.Append(E(a.Name));
            html.Append("</li>");
        }
        return html.Append("</ul>").ToString();
    }
}
