namespace Otklik.Core.Incidents;

/// <summary>Links the product stores: absolute http(s) URLs only.</summary>
public static class WebLink
{
    public static bool IsValid(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);
}
