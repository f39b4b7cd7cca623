using Otklik.Core.Administration.UseCases;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Tests.Administration;

public sealed class UserAdministrationTests : IAsyncLifetime
{
    private const string Password = "parol-2026-test";
    private AdminTestDb _w = null!;

    public async ValueTask InitializeAsync() => _w = await AdminTestDb.CreateAsync();

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    private Task<AppUser> CreateAsync(string login, string role, int? body, Actor? actor = null, string password = Password) =>
        SaveUser.RunAsync(_w.Db, _w.Users, _w.RoleManager, actor ?? AdminTestDb.Administrator, _w.RegionId,
            new SaveUser.Request(null, login, "Иванов Иван Иванович", password, role, body, "главный специалист"), AdminTestDb.Ct);

    [Fact]
    public async Task A_created_user_has_the_role_the_body_and_a_working_password()
    {
        var user = await CreateAsync("ivanov", Roles.Executor, _w.BodyA.Id);

        Assert.Equal(_w.BodyA.Id, user.BodyId);
        Assert.Equal([Roles.Executor], await _w.Users.GetRolesAsync(user));
        Assert.True(await _w.Users.CheckPasswordAsync(user, Password));
        var row = Assert.Single(await ListUsers.RunAsync(_w.Db, AdminTestDb.Administrator, AdminTestDb.Ct), r => r.Login == "ivanov");
        Assert.Equal(Roles.Executor, row.Role);
        Assert.True(row.IsActive);
    }

    [Fact]
    public async Task Only_an_administrator_manages_users()
    {
        var e = await Assert.ThrowsAsync<WorkflowException>(() => CreateAsync("ivanov", Roles.Executor, _w.BodyA.Id, AdminTestDb.Operator));
        Assert.Equal(WorkflowError.Forbidden, e.Error);
        Assert.Null(await _w.Users.FindByNameAsync("ivanov"));
    }

    [Fact]
    public async Task A_bodys_role_without_a_body_and_a_weak_password_are_refused_in_Russian()
    {
        var e = await Assert.ThrowsAsync<WorkflowException>(() => CreateAsync("ivanov", Roles.Executor, null));
        Assert.Equal("bodyId", e.Field);
        Assert.Equal("Для этой роли нужен орган", e.Message);

        e = await Assert.ThrowsAsync<WorkflowException>(() => CreateAsync("ivanov", Roles.Executor, _w.BodyA.Id, password: "abc"));
        Assert.Equal("password", e.Field);
        Assert.Contains("Пароль", e.Message, StringComparison.Ordinal);

        await CreateAsync("ivanov", Roles.Executor, _w.BodyA.Id);
        e = await Assert.ThrowsAsync<WorkflowException>(() => CreateAsync("ivanov", Roles.Executor, _w.BodyA.Id));
        Assert.Equal("login", e.Field);
    }

    [Fact]
    public async Task Changing_role_and_body_replaces_the_old_role()
    {
        var user = await CreateAsync("ivanov", Roles.Executor, _w.BodyA.Id);
        await SaveUser.RunAsync(_w.Db, _w.Users, _w.RoleManager, AdminTestDb.Administrator, _w.RegionId,
            new SaveUser.Request(user.Id, null, "Иванов И. И.", null, Roles.Responsible, _w.BodyB.Id, "заместитель министра"), AdminTestDb.Ct);

        var again = await _w.Users.FindByIdAsync(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([Roles.Responsible], await _w.Users.GetRolesAsync(again!));
        Assert.Equal(_w.BodyB.Id, again!.BodyId);
        Assert.Equal("ivanov", again.UserName);
    }

    [Fact]
    public async Task A_deactivated_user_cannot_sign_in_until_reactivated()
    {
        var user = await CreateAsync("ivanov", Roles.Executor, _w.BodyA.Id);
        await SetUserActive.RunAsync(_w.Users, AdminTestDb.Administrator, user.Id, active: false, AdminTestDb.Ct);
        Assert.False(user.IsActive);
        Assert.True(await _w.Users.IsLockedOutAsync(user));

        await SetUserActive.RunAsync(_w.Users, AdminTestDb.Administrator, user.Id, active: true, AdminTestDb.Ct);
        Assert.True(user.IsActive);
        Assert.False(await _w.Users.IsLockedOutAsync(user));
    }

    [Fact]
    public async Task An_administrator_cannot_deactivate_themself()
    {
        var admin = await CreateAsync("admin2", Roles.Administrator, null);
        var actor = new Actor(admin.Id, "admin2", new HashSet<string> { Roles.Administrator }, null);
        var e = await Assert.ThrowsAsync<WorkflowException>(() => SetUserActive.RunAsync(_w.Users, actor, admin.Id, false, AdminTestDb.Ct));
        Assert.Equal(WorkflowError.Invalid, e.Error);
    }

    [Fact]
    public async Task A_substitute_acts_for_an_official_of_the_same_body_only()
    {
        var official = await CreateAsync("petrov", Roles.Responsible, _w.BodyA.Id);
        var deputy = await CreateAsync("sidorov", Roles.Responsible, _w.BodyA.Id);
        var stranger = await CreateAsync("kuznetsov", Roles.Executor, _w.BodyB.Id);

        await SetSubstitute.RunAsync(_w.Users, AdminTestDb.Administrator, deputy.Id, official.Id, AdminTestDb.Ct);
        Assert.Equal(official.Id, deputy.SubstituteOfId);

        var e = await Assert.ThrowsAsync<WorkflowException>(() => SetSubstitute.RunAsync(_w.Users, AdminTestDb.Administrator, stranger.Id, official.Id, AdminTestDb.Ct));
        Assert.Equal("substituteOfId", e.Field);
        e = await Assert.ThrowsAsync<WorkflowException>(() => SetSubstitute.RunAsync(_w.Users, AdminTestDb.Administrator, official.Id, official.Id, AdminTestDb.Ct));
        Assert.Equal("substituteOfId", e.Field);
        e = await Assert.ThrowsAsync<WorkflowException>(() => SetSubstitute.RunAsync(_w.Users, AdminTestDb.Administrator, official.Id, deputy.Id, AdminTestDb.Ct));
        Assert.Equal("substituteOfId", e.Field);

        await SetSubstitute.RunAsync(_w.Users, AdminTestDb.Administrator, deputy.Id, null, AdminTestDb.Ct);
        Assert.Null(deputy.SubstituteOfId);
    }

    [Fact]
    public async Task A_reset_password_replaces_the_old_one_and_is_checked_by_the_same_rules()
    {
        var user = await CreateAsync("ivanov", Roles.Executor, _w.BodyA.Id);
        var e = await Assert.ThrowsAsync<WorkflowException>(() => ResetPassword.RunAsync(_w.Users, AdminTestDb.Administrator, user.Id, "short", AdminTestDb.Ct));
        Assert.Equal("password", e.Field);
        Assert.True(await _w.Users.CheckPasswordAsync(user, Password));

        await ResetPassword.RunAsync(_w.Users, AdminTestDb.Administrator, user.Id, "novyi-parol-77", AdminTestDb.Ct);
        Assert.False(await _w.Users.CheckPasswordAsync(user, Password));
        Assert.True(await _w.Users.CheckPasswordAsync(user, "novyi-parol-77"));
    }
}
