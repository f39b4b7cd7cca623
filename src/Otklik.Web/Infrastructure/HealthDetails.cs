using System.Text.Json.Nodes;

namespace Otklik.Web.Infrastructure;

/// <summary>
/// What an anonymous caller of <c>/health</c> does not see: the checks' descriptions and the sources' last errors
/// (they may carry a database's or a network's own words); the status of each check, the sources' lag and whether
/// they are polling stay public.
/// </summary>
internal static class HealthDetails
{
    private static readonly string[] s_private = ["Description", "lastError", "error"];

    public static void Strip(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in s_private)
                    o.Remove(key);
                foreach (var (_, child) in o.ToList())
                {
                    if (child is not null)
                        Strip(child);
                }
                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    if (child is not null)
                        Strip(child);
                }
                break;
        }
    }
}
