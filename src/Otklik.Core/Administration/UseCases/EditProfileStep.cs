using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Regulation;

namespace Otklik.Core.Administration.UseCases;

/// <summary>
/// Changes one step's duration in the region's own copy of its regulation profile (<c>Region.ProfileJson</c>), e.g. when
/// the region amends its decree. Only the number changes; the unit, the event the clock starts from and the clause stay.
/// Deadlines started from now on use it (<see cref="Workflow.RegionAsync"/> reads the copy); running ones keep theirs.
/// </summary>
public static class EditProfileStep
{
    public static async Task<RegulationProfile> RunAsync(OtklikDbContext db, Actor actor, int regionId, string? step, int value, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Admin.Require(actor);
        var region = await db.Regions.FirstOrDefaultAsync(r => r.Id == regionId, ct) ?? throw Admin.NotFound("AdminRegionNotFound", regionId);
        var profile = GetRegionProfile.Effective(region, RegulationProfiles.Get(region.ProfileCode));
        var current = profile.Steps.FirstOrDefault(s => s.Name == step) ?? throw Admin.Invalid("step", "AdminStepNotFound", step);
        if (current.Duration.Unit is DurationUnit.None or DurationUnit.Immediately)
            throw Admin.Invalid("value", "AdminStepHasNoDuration");
        if (value <= 0)
            throw Admin.Invalid("value", "AdminDurationPositive");
        if (current.Duration.Unit == DurationUnit.DayOfNextMonth && value > 28)
            throw Admin.Invalid("value", "AdminDayOfNextMonth");
        if (value > 100_000)
            throw Admin.Invalid("value", "AdminDurationTooLong");
        var edited = profile with
        {
            Steps = [.. profile.Steps.Select(s => s.Name == current.Name ? s with { Duration = s.Duration with { Value = value } } : s)],
        };
        try
        {
            RegulationProfiles.Validate(edited);
        }
        catch (ProfileFormatException e)
        {
            throw new WorkflowException(WorkflowError.Invalid, Resources.Text.Get("AdminProfileInvalid", e.Message), "value");
        }
        region.ProfileJson = RegulationProfiles.Write(edited);
        await db.SaveChangesAsync(ct);
        return edited;
    }
}
