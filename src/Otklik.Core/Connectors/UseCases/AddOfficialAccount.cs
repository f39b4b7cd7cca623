using Microsoft.EntityFrameworkCore;
using Otklik.Core.Administration;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Connectors.UseCases;

/// <summary>
/// Registers an account a body answers from (753-п clause 6; Leningrad 001 §2.6–2.7), its credential encrypted at rest.
/// The administrator keeps the registry.
/// </summary>
public static class AddOfficialAccount
{
    public static IReadOnlySet<string> Channels { get; } = new HashSet<string>(StringComparer.Ordinal) { "vk", "ok", "telegram" };

    /// <param name="Body">The body's code (or its id as text).</param>
    /// <param name="ExternalId">VK community id (77777; a leading minus or "club" is dropped), OK group id, Telegram chat id.</param>
    public sealed record Request(string? Body, string? Channel, string? ExternalId, string? Name, string? Url, string? Token);

    public static async Task<OfficialAccount> RunAsync(OtklikDbContext db, TokenProtector protector, TimeProvider clock, Actor actor, int regionId,
        Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(protector);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(request);
        Admin.Require(actor);
        var bodyKey = Admin.Required(request.Body, "body", 64);
        int? bodyId = int.TryParse(bodyKey, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
        var body = await db.Bodies.AsNoTracking()
            .FirstOrDefaultAsync(b => b.RegionId == regionId && (b.Code == bodyKey || b.Id == bodyId), ct)
            ?? throw Admin.Invalid("body", "BodyNotFound", bodyKey);
        var channel = Admin.Required(request.Channel, "channel", 16).ToLowerInvariant();
        if (!Channels.Contains(channel))
            throw Admin.Invalid("channel", "ConnectorChannelUnknown", channel, string.Join(", ", Channels.Order()));
        var externalId = NormaliseExternalId(channel, Admin.Required(request.ExternalId, "externalId", 64));
        var name = Admin.Required(request.Name, "name", 256);
        var url = Admin.Optional(request.Url, "url", 512);
        if (url is not null && !WebLink.IsValid(url))
            throw Admin.Invalid("url", "UrlInvalid");
        var token = request.Token?.Trim();
        if (await db.OfficialAccounts.AnyAsync(a => a.Channel == channel && a.ExternalId == externalId, ct))
            throw Admin.Invalid("externalId", "ConnectorAccountTaken", channel, externalId);
        var account = new OfficialAccount
        {
            RegionId = regionId,
            BodyId = body.Id,
            Channel = channel,
            ExternalId = externalId,
            Name = name,
            Url = url,
            ProtectedToken = string.IsNullOrEmpty(token) ? null : protector.Protect(token),
            State = AccountState.Active,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.OfficialAccounts.Add(account);
        await db.SaveChangesAsync(ct);
        return account;
    }

    /// <summary>The network's id as the product keeps it: VK communities by their positive id, others as given.</summary>
    public static string NormaliseExternalId(string channel, string externalId)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        var id = externalId.Trim();
        if (channel == "vk")
        {
            if (id.StartsWith("club", StringComparison.Ordinal) || id.StartsWith("public", StringComparison.Ordinal))
                id = id[(id.StartsWith("club", StringComparison.Ordinal) ? 4 : 6)..];
            id = id.TrimStart('-');
            if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n <= 0)
                throw Admin.Invalid("externalId", "ConnectorVkIdInvalid");
        }
        else if (channel == "ok" && !id.All(char.IsAsciiDigit))
        {
            throw Admin.Invalid("externalId", "ConnectorOkIdInvalid");
        }
        else if (channel == "telegram" && !long.TryParse(id, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            throw Admin.Invalid("externalId", "ConnectorTelegramIdInvalid");
        }
        return id;
    }
}
