using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otklik.Connectors.Ok;
using Otklik.Connectors.Polling;
using Otklik.Connectors.Resources;
using Otklik.Connectors.Vk;
using Otklik.Core.Administration;
using Otklik.Core.Connectors;
using Otklik.Core.Connectors.UseCases;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace Otklik.Connectors.Accounts;

/// <summary>What a check of one official account found: the line <c>otklik account check</c> prints.</summary>
public sealed record AccountCheckResult(int AccountId, string Channel, AccountState State, RecordAccountCheck.Outcome Outcome, string? Error)
{
    /// <summary>The network refused the key, or did not answer.</summary>
    public bool Failed => Outcome != RecordAccountCheck.Outcome.Accepted;

    public override string ToString()
    {
        var state = State switch { AccountState.Active => "active", AccountState.NoAccess => "no access", _ => "disabled" };
        var line = string.Create(CultureInfo.InvariantCulture, $"{AccountId} {Channel} {state}");
        return Outcome switch
        {
            RecordAccountCheck.Outcome.Accepted => line,
            RecordAccountCheck.Outcome.NoAnswer => $"{line}; not checked: {Error}",
            _ => $"{line}: {Error}",
        };
    }
}

/// <summary>
/// Checks each official account's credential with its network (753-п clause 6; Leningrad 001 §2.6–2.7: the registry
/// shows which accounts work and when that was last checked): VK <c>groups.getById</c> with the community token (errors
/// 5, 27, 28: no access), Telegram <c>getMe</c> and <c>getChat</c> with the bot token (401, 403: no access), OK
/// <c>group.getInfo</c> signed with the account's access token (102, 103: no access). The answer is recorded by
/// <see cref="RecordAccountCheck"/>, which tells the administrators when an account loses access.
/// </summary>
public sealed class AccountChecker(IServiceScopeFactory scopes, VkClient vk, OkClient ok, IHttpClientFactory http, IOptions<ConnectorOptions> options,
    TimeProvider clock, ILogger<AccountChecker> log)
{
    /// <summary>Every account that is not disabled (or the one asked for, even disabled), of one region or of all; the
    /// administrator's to ask (or the system's: the job, the command).</summary>
    public async Task<IReadOnlyList<AccountCheckResult>> CheckAsync(Actor actor, int? regionId, int? accountId, CancellationToken ct)
    {
        Admin.Require(actor);
        List<OfficialAccount> accounts;
        TokenProtector protector;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            protector = scope.ServiceProvider.GetRequiredService<TokenProtector>();
            accounts = await db.OfficialAccounts.AsNoTracking()
                .Where(a => (regionId == null || a.RegionId == regionId) && (accountId == null ? a.State != AccountState.Disabled : a.Id == accountId))
                .OrderBy(a => a.Id).ToListAsync(ct);
        }
        var results = new List<AccountCheckResult>();
        foreach (var account in accounts)
        {
            var (outcome, error) = await AskAsync(account, protector.Unprotect(account.ProtectedToken), ct);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            var recorded = await RecordAccountCheck.RunAsync(db, account.Id, outcome, error, clock.GetUtcNow().UtcDateTime, ct);
            var result = new AccountCheckResult(account.Id, account.Channel, recorded.State, outcome, error);
            if (outcome != RecordAccountCheck.Outcome.Accepted)
                log.LogWarning("Official account {Account}: {Result}", account.Id, result);
            results.Add(result);
        }
        return results;
    }

    private async Task<(RecordAccountCheck.Outcome, string?)> AskAsync(OfficialAccount account, string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token))
            return (RecordAccountCheck.Outcome.Refused, Text.Get(account.ProtectedToken is null ? "AccountNoToken" : "AccountTokenUnreadable"));
        try
        {
            return account.Channel switch
            {
                "vk" => await VkAsync(account, token, ct),
                "ok" => await OkAsync(account, token, ct),
                "telegram" => await TelegramAsync(account, token, ct),
                _ => (RecordAccountCheck.Outcome.NoAnswer, Text.Get("Unexpected", $"no check for {account.Channel}")),
            };
        }
        catch (ConnectorException e)
        {
            return (e.Kind == FailureKind.NoAccess ? RecordAccountCheck.Outcome.Refused : RecordAccountCheck.Outcome.NoAnswer, e.Message);
        }
    }

    private sealed record VkGroupsById(IReadOnlyList<VkGroupFull>? Groups);

    private sealed record VkGroupFull(long Id, string? Name, string? Deactivated);

    private async Task<(RecordAccountCheck.Outcome, string?)> VkAsync(OfficialAccount account, string token, CancellationToken ct)
    {
        VkGroupsById answer;
        try
        {
            answer = await vk.CallAsync<VkGroupsById>("groups.getById", new Dictionary<string, string> { ["group_id"] = account.ExternalId }, token, ct);
        }
        catch (VkApiException e) when (e.IsNoAccess)
        {
            return (RecordAccountCheck.Outcome.Refused, Text.Get("AccountVkNoAccess", e.Message, e.Code));
        }
        catch (VkApiException e)
        {
            // 100 (no such community) is the account's fault; a rate limit or VK's own failure is not an answer.
            return e.IsTransient
                ? (RecordAccountCheck.Outcome.NoAnswer, e.ToConnector().Message)
                : (RecordAccountCheck.Outcome.Refused, Text.Get("VkFailed", e.Message, e.Code));
        }
        var group = answer.Groups?.FirstOrDefault(g => g.Id.ToString(CultureInfo.InvariantCulture) == account.ExternalId);
        if (group is null)
            return (RecordAccountCheck.Outcome.Refused, Text.Get("AccountNotFound", account.ExternalId));
        if (group.Deactivated is { Length: > 0 } why)
            return (RecordAccountCheck.Outcome.Refused, Text.Get("AccountVkDeactivated", why));
        return (RecordAccountCheck.Outcome.Accepted, null);
    }

    private async Task<(RecordAccountCheck.Outcome, string?)> OkAsync(OfficialAccount account, string token, CancellationToken ct)
    {
        JsonElement answer;
        try
        {
            answer = await ok.CallAsync("group.getInfo", new Dictionary<string, string> { ["uids"] = account.ExternalId, ["fields"] = "uid,name" }, token, ct);
        }
        catch (OkApiException e) when (e.IsNoAccess)
        {
            return (RecordAccountCheck.Outcome.Refused, Text.Get("AccountOkNoAccess", e.Message, e.Code));
        }
        catch (OkApiException e)
        {
            return e.IsTransient
                ? (RecordAccountCheck.Outcome.NoAnswer, e.ToConnector().Message)
                : (RecordAccountCheck.Outcome.Refused, Text.Get("OkFailed", e.Message, e.Code));
        }
        // apiok.ru documents {"groups": [...]}; the API has long answered a bare array: both are read.
        var groups = answer.ValueKind == JsonValueKind.Array ? answer
            : answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("groups", out var g) && g.ValueKind == JsonValueKind.Array ? g : default;
        var found = groups.ValueKind == JsonValueKind.Array && groups.EnumerateArray().Any(x =>
            x.ValueKind == JsonValueKind.Object && x.TryGetProperty("uid", out var uid) && uid.ToString() == account.ExternalId);
        return found ? (RecordAccountCheck.Outcome.Accepted, null) : (RecordAccountCheck.Outcome.Refused, Text.Get("AccountNotFound", account.ExternalId));
    }

    private async Task<(RecordAccountCheck.Outcome, string?)> TelegramAsync(OfficialAccount account, string token, CancellationToken ct)
    {
        if (!long.TryParse(account.ExternalId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chat))
            return (RecordAccountCheck.Outcome.Refused, Text.Get("AccountNotFound", account.ExternalId));
        var o = options.Value;
        var bot = new TelegramBotClient(new TelegramBotClientOptions(token, o.Telegram.ApiBaseUrl.TrimEnd('/')) { RetryCount = 0 },
            http.CreateClient(nameof(AccountChecker)));
        try
        {
            await bot.GetMe(ct);
            await bot.GetChat(chat, ct);
            return (RecordAccountCheck.Outcome.Accepted, null);
        }
        catch (ApiRequestException e) when (e.ErrorCode is 401 or 403)
        {
            return (RecordAccountCheck.Outcome.Refused, Text.Get("AccountTelegramNoAccess", e.Message, e.ErrorCode));
        }
        catch (ApiRequestException e) when (e.ErrorCode == 429 || e.ErrorCode >= 500)
        {
            return (RecordAccountCheck.Outcome.NoAnswer, Text.Get("TelegramFailed", e.Message, e.ErrorCode));
        }
        catch (ApiRequestException e)
        {
            // 400 «chat not found»: the bot is not in that chat (or the id is wrong): it cannot answer there.
            return (RecordAccountCheck.Outcome.Refused, Text.Get("TelegramFailed", e.Message, e.ErrorCode));
        }
        catch (RequestException e) when (!ct.IsCancellationRequested)
        {
            return (RecordAccountCheck.Outcome.NoAnswer, Text.Get("HttpFailed", "Telegram", e.InnerException?.Message ?? e.Message));
        }
    }
}
