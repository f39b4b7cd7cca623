using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;
using Otklik.Core.Regulation;

namespace Otklik.Core.Administration.UseCases;

/// <summary>
/// The region's regulation profile as deadlines are computed from it (<see cref="Workflow.RegionAsync"/>): the
/// region's edited copy (<see cref="Region.ProfileJson"/>) if there is one, else the shipped profile; with the
/// shipped one beside it, to show what was changed.
/// </summary>
public static class GetRegionProfile
{
    public sealed record Result(Region Region, RegulationProfile Effective, RegulationProfile Shipped)
    {
        public bool Edited => Region.ProfileJson is not null;

        public bool Changed(RegulationStep step) =>
            step is not null && (!Shipped.HasStep(step.Name) || Shipped.Step(step.Name).Duration != step.Duration);
    }

    public static async Task<Result> RunAsync(OtklikDbContext db, Actor actor, int regionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Admin.Require(actor);
        var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == regionId, ct)
            ?? throw Admin.NotFound("AdminRegionNotFound", regionId);
        var shipped = RegulationProfiles.Get(region.ProfileCode);
        return new Result(region, Effective(region, shipped), shipped);
    }

    /// <summary>The same reading as <see cref="Workflow.RegionAsync"/>.</summary>
    internal static RegulationProfile Effective(Region region, RegulationProfile shipped) =>
        region.ProfileJson is { } json ? RegulationProfiles.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))) : shipped;
}
