using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Otklik.Core.Incidents;
using Otklik.Web.Components.Live;
using Otklik.Web.Infrastructure;

namespace Otklik.Web.Features.Admin;

/// <summary>
/// What the administration pages share: the region, the registry names, and running an administration use case with
/// its Russian refusal (and the field at fault) kept for display. After a successful change the registry names every
/// page shows are read again.
/// </summary>
public abstract class AdminPage : ComponentBase
{
    [Inject] protected UiSession Session { get; set; } = default!;

    [Inject] protected RegistryNames Names { get; set; } = default!;

    [Inject] protected RegionContext RegionContext { get; set; } = default!;

    [Inject] protected IStringLocalizer<AdminText> T { get; set; } = default!;

    protected int RegionId { get; private set; }

    protected RegistryNames.Snapshot? Registry { get; private set; }

    /// <summary>The last refusal, Russian.</summary>
    protected string? Error { get; set; }

    /// <summary>The input the last refusal is about (e.g. "schedule").</summary>
    protected string? ErrorField { get; set; }

    /// <summary>What the last action did, for the polite live region.</summary>
    protected string? Notice { get; set; }

    protected override async Task OnInitializedAsync()
    {
        RegionId = await RegionContext.IdAsync(CancellationToken.None);
        Registry = await Names.GetAsync();
        await LoadAsync();
    }

    protected abstract Task LoadAsync();

    /// <summary>Runs a use case; on success reloads the page's data (and the registry names when asked) and shows <paramref name="done"/>.</summary>
    protected async Task<T?> ActAsync<T>(Func<IServiceProvider, Actor, CancellationToken, Task<T>> action, string? done, bool registryChanged = true)
    {
        Error = null;
        ErrorField = null;
        Notice = null;
        var result = await Session.ActAsync(action);
        if (!result.Succeeded)
        {
            Error = result.Error;
            ErrorField = result.Field;
            return default;
        }
        if (registryChanged)
        {
            Names.Invalidate();
            Registry = await Names.GetAsync();
        }
        await LoadAsync();
        Notice = done;
        return result.Value;
    }

    /// <summary>aria-invalid for the input the refusal names.</summary>
    protected string? Invalid(string field) => string.Equals(ErrorField, field, StringComparison.OrdinalIgnoreCase) ? "true" : null;

    /// <summary>
    /// The refusal when it is about none of the fields the form shows beside their inputs (no access, not found, a field
    /// of another form), for an alert above the form; null otherwise.
    /// </summary>
    protected string? ErrorElsewhere(params string[] fields) =>
        Error is not null && !fields.Any(f => string.Equals(f, ErrorField, StringComparison.OrdinalIgnoreCase)) ? Error : null;
}
