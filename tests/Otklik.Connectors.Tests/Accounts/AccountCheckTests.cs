using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Connectors.Accounts;
using Otklik.Core.Connectors;
using Otklik.Core.Connectors.UseCases;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Testing;

namespace Otklik.Connectors.Tests.Accounts;

/// <summary>
/// The check of the official accounts (753-п clause 6; Leningrad 001 §2.6–2.7: the registry says which accounts work and
/// when that was last checked) against the local VK, OK and Telegram: each network's method with the account's own
/// key, its refusals turning the account «нет доступа» and telling the administrator once, an accepted key turning it
/// back to active, and a network that does not answer leaving the state alone.
/// </summary>
public abstract class AccountCheckTests(Provider provider, PostgresFixture postgres) : IAsyncLifetime
{
    private const string VkToken = "vk1.a.community-token-77777";
    private const string OkToken = "tkn1ok-account-token-54321";
    private const long Channel = -1001234567890;
    private ConnectorWorld _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _world = await ConnectorWorld.StartAsync(provider, postgres);
        _world.Net.Vk.CommunityTokens[VkToken] = 77777;
        _world.Net.Vk.Name(-77777, "Администрация Ставрополя");
        _world.Net.Ok.OtherTokens[OkToken] = true;
        _world.Net.Ok.Groups["54321098765432"] = "Администрация Ставрополя в ОК";
        _world.Net.Telegram.Chats[Channel] = ("channel", "Администрация Ставрополя");
    }

    public async ValueTask DisposeAsync()
    {
        await _world.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private Task<IReadOnlyList<AccountCheckResult>> CheckAsync(int? id = null) =>
        _world.UseAsync((sp, _) => sp.GetRequiredService<AccountChecker>().CheckAsync(Actor.System, _world.RegionId, id, Ct));

    private Task<OfficialAccount> AccountAsync(int id) => _world.UseAsync((_, db) => db.OfficialAccounts.AsNoTracking().SingleAsync(a => a.Id == id, Ct));

    [Fact]
    public async Task Each_network_is_asked_with_the_accounts_own_key_and_the_time_of_the_check_is_recorded()
    {
        var vk = await _world.AddAccountAsync("vk", "77777", VkToken);
        var ok = await _world.AddAccountAsync("ok", "54321098765432", OkToken);
        var tg = await _world.AddAccountAsync("telegram", Channel.ToString(System.Globalization.CultureInfo.InvariantCulture), _world.Net.Telegram.Token);
        var before = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(-1);

        var results = await CheckAsync();

        Assert.Equal([$"{vk.Id} vk active", $"{ok.Id} ok active", $"{tg.Id} telegram active"], results.Select(r => r.ToString()));
        Assert.All(results, r => Assert.False(r.Failed));
        Assert.Equal(1, _world.Net.Vk.Calls["groups.getById"]);
        Assert.Equal(1, _world.Net.Ok.Calls["group.getInfo"]);
        Assert.Equal((1, 1), (_world.Net.Telegram.Calls["getMe"], _world.Net.Telegram.Calls["getChat"]));
        foreach (var id in new[] { vk.Id, ok.Id, tg.Id })
        {
            var account = await AccountAsync(id);
            Assert.Equal(AccountState.Active, account.State);
            Assert.Null(account.LastError);
            Assert.True(account.CheckedAt >= before, $"account {id} checked at {account.CheckedAt}");
        }
    }

    [Fact]
    public async Task A_refused_key_makes_the_account_no_access_and_tells_the_administrator_once_and_a_renewed_key_makes_it_active()
    {
        var admin = await _world.AddAdministratorAsync();
        var vk = await _world.AddAccountAsync("vk", "77777", "vk1.a.revoked-token");
        var ok = await _world.AddAccountAsync("ok", "54321098765432", "tkn1ok-expired");
        var tg = await _world.AddAccountAsync("telegram", Channel.ToString(System.Globalization.CultureInfo.InvariantCulture), "987654321:AAWrongToken");

        var results = await CheckAsync();

        Assert.All(results, r => Assert.Equal((AccountState.NoAccess, true), (r.State, r.Failed)));
        Assert.Contains("(код 5)", (await AccountAsync(vk.Id)).LastError, StringComparison.Ordinal);
        Assert.Contains("(код 102)", (await AccountAsync(ok.Id)).LastError, StringComparison.Ordinal);
        Assert.Contains("(код 401)", (await AccountAsync(tg.Id)).LastError, StringComparison.Ordinal);
        var told = await _world.NoAccessNoticesAsync();
        Assert.Equal(3, told.Count);
        Assert.All(told, n => Assert.Equal((admin, "/admin/accounts"), (n.UserId, n.Link)));
        Assert.Contains(told, n => n.Title.Contains("Официальный аккаунт 77777", StringComparison.Ordinal));
        Assert.Equal(3, await _world.UseAsync((_, db) => db.OutgoingMails.CountAsync(m => m.To == "admin@example.org", Ct)));

        // Still refused at the next check: the administrator was told already.
        await CheckAsync();
        Assert.Equal(3, (await _world.NoAccessNoticesAsync()).Count);

        // The administrator renews the VK key: the next check finds it accepted.
        await _world.UseAsync((sp, db) => SetAccountState.RunAsync(db, sp.GetRequiredService<TokenProtector>(), Actor.System, _world.RegionId, vk.Id,
            AccountState.NoAccess, VkToken, Ct));
        var again = await CheckAsync(vk.Id);
        Assert.Equal($"{vk.Id} vk active", Assert.Single(again).ToString());
        Assert.Null((await AccountAsync(vk.Id)).LastError);
    }

    [Fact]
    public async Task A_network_that_does_not_answer_keeps_the_state_and_a_chat_the_bot_left_or_a_banned_community_is_no_access()
    {
        var vk = await _world.AddAccountAsync("vk", "77777", VkToken);
        var tg = await _world.AddAccountAsync("telegram", Channel.ToString(System.Globalization.CultureInfo.InvariantCulture), _world.Net.Telegram.Token);
        var none = await _world.AddAccountAsync("ok", "54321098765432");
        for (var i = 0; i < 3; i++)
            _world.Net.Vk.Fail("groups.getById", 10);

        var results = await CheckAsync();

        var vkResult = results.Single(r => r.AccountId == vk.Id);
        Assert.Equal((AccountState.Active, RecordAccountCheck.Outcome.NoAnswer, true), (vkResult.State, vkResult.Outcome, vkResult.Failed));
        Assert.StartsWith($"{vk.Id} vk active; not checked: ", vkResult.ToString(), StringComparison.Ordinal);
        Assert.Equal(AccountState.Active, (await AccountAsync(vk.Id)).State);
        Assert.Equal(AccountState.Active, results.Single(r => r.AccountId == tg.Id).State);
        Assert.Equal((AccountState.NoAccess, "У аккаунта нет ключа: добавьте ключ сообщества, ключ доступа OK или токен бота"),
            (results.Single(r => r.AccountId == none.Id).State, results.Single(r => r.AccountId == none.Id).Error));

        _world.Net.Telegram.KickedFrom[Channel] = true;
        _world.Net.Vk.Deactivated[77777] = "banned";
        var later = await CheckAsync();
        Assert.Equal(AccountState.NoAccess, later.Single(r => r.AccountId == tg.Id).State);
        Assert.Contains("(код 403)", later.Single(r => r.AccountId == tg.Id).Error, StringComparison.Ordinal);
        Assert.Equal(AccountState.NoAccess, later.Single(r => r.AccountId == vk.Id).State);
        Assert.Contains("banned", later.Single(r => r.AccountId == vk.Id).Error, StringComparison.Ordinal);

        // A disabled account is left out of the round, and stays disabled when asked for by id.
        await _world.UseAsync((sp, db) => SetAccountState.RunAsync(db, sp.GetRequiredService<TokenProtector>(), Actor.System, _world.RegionId, tg.Id,
            AccountState.Disabled, null, Ct));
        Assert.DoesNotContain(await CheckAsync(), r => r.AccountId == tg.Id);
        Assert.Equal(AccountState.Disabled, Assert.Single(await CheckAsync(tg.Id)).State);
    }
}

public sealed class SqliteAccountCheckTests(PostgresFixture postgres) : AccountCheckTests(Provider.Sqlite, postgres);

public sealed class PostgresAccountCheckTests(PostgresFixture postgres) : AccountCheckTests(Provider.Postgres, postgres);
