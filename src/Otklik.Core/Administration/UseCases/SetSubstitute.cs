using Microsoft.AspNetCore.Identity;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Administration.UseCases;

/// <summary>
/// Records who substitutes whom: <c>substitute.SubstituteOfId = official</c>, the substitute acting for the absent
/// official. Each body registers its responsible official and a substitute (Leningrad 002 §4–5; Stavropol 753-п p. 8),
/// so both work for the same body (or both for the centre). Null clears it.
/// </summary>
public static class SetSubstitute
{
    public static async Task<AppUser> RunAsync(UserManager<AppUser> users, Actor actor, int substituteId, int? officialId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        Admin.Require(actor);
        ct.ThrowIfCancellationRequested();
        var substitute = await users.FindByIdAsync(substituteId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ?? throw Admin.NotFound("AdminUserNotFound", substituteId);
        if (officialId is { } of)
        {
            if (of == substituteId)
                throw Admin.Invalid("substituteOfId", "AdminSubstituteSelf");
            var official = await users.FindByIdAsync(of.ToString(System.Globalization.CultureInfo.InvariantCulture))
                ?? throw Admin.Invalid("substituteOfId", "AdminUserNotFound", of);
            if (official.BodyId != substitute.BodyId)
                throw Admin.Invalid("substituteOfId", "AdminSubstituteOtherBody");
            if (official.SubstituteOfId == substitute.Id)
                throw Admin.Invalid("substituteOfId", "AdminSubstituteMutual");
        }
        substitute.SubstituteOfId = officialId;
        SaveUser.Check(await users.UpdateAsync(substitute), "substituteOfId");
        return substitute;
    }
}
