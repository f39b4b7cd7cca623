using Microsoft.AspNetCore.Components.Authorization;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Web.Infrastructure;

namespace Otklik.Web.Components.Live;

/// <summary>
/// How pages reach the core: the signed-in actor, and one service scope (one DbContext) per query or action, because
/// an interactive page lives for the whole connection and a DbContext must not. Actions go through the same use cases
/// and access rules as the API; a refused one comes back as its Russian message (and the field at fault).
/// </summary>
public sealed class UiSession(IServiceScopeFactory scopes, AuthenticationStateProvider auth, IncidentChangeFeed feed)
{
    public async Task<Actor> ActorAsync()
    {
        var state = await auth.GetAuthenticationStateAsync();
        return state.User.ToActor();
    }

    public async Task<T> QueryAsync<T>(Func<OtklikDbContext, Actor, CancellationToken, Task<T>> query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var actor = await ActorAsync();
        await using var scope = scopes.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OtklikDbContext>(), actor, ct);
    }

    /// <summary>Runs a query that may be refused (e.g. an incident of another body: "не найдено").</summary>
    public async Task<UiResult<T>> TryQueryAsync<T>(Func<OtklikDbContext, Actor, CancellationToken, Task<T>> query, CancellationToken ct = default)
    {
        try
        {
            return UiResult.Ok(await QueryAsync(query, ct));
        }
        catch (WorkflowException e)
        {
            return UiResult.Fail<T>(e);
        }
    }

    /// <summary>Runs a use case with a fresh scope; on success pokes the change feed so open pages refresh.</summary>
    public async Task<UiResult<T>> ActAsync<T>(Func<IServiceProvider, Actor, CancellationToken, Task<T>> action, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var actor = await ActorAsync();
        try
        {
            T result;
            await using (var scope = scopes.CreateAsyncScope())
                result = await action(scope.ServiceProvider, actor, ct);
            feed.Poke();
            return UiResult.Ok(result);
        }
        catch (WorkflowException e)
        {
            return UiResult.Fail<T>(e);
        }
    }

    /// <summary>Runs a workflow use case (<see cref="Workflow"/> from a fresh scope).</summary>
    public Task<UiResult<T>> ActAsync<T>(Func<Workflow, Actor, CancellationToken, Task<T>> action, CancellationToken ct = default) =>
        ActAsync((sp, actor, c) => action(sp.GetRequiredService<Workflow>(), actor, c), ct);
}

/// <summary>The outcome of a page action: a value, or the user-facing refusal.</summary>
public sealed record UiResult<T>(bool Succeeded, T? Value, string? Error, string? Field, WorkflowError? Kind);

public static class UiResult
{
    public static UiResult<T> Ok<T>(T value) => new(true, value, null, null, null);

    public static UiResult<T> Fail<T>(WorkflowException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(false, default, e.Message, e.Field, e.Error);
    }
}
