using Microsoft.EntityFrameworkCore;
using Otklik.Core.Administration;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Resources;

namespace Otklik.Core.Registry.Officials.UseCases;

/// <summary>
/// Records what §4 asks of a registered person: position, phone, e-mail, since when, and whom they substitute. The
/// responsible official's position must be one the administrator accepts as «не ниже заместителя руководителя». Once
/// the body has registered, an edit is a change of staff (§5): the date it happened starts the 3-day clock.
/// </summary>
public static class SaveOfficial
{
    /// <param name="ChangedOn">The local date the change happened (§5); today when the body has registered and none is given.</param>
    public sealed record Request(string? Position, string? Phone, string? Email, DateOnly? Since, int? SubstituteOfId, DateOnly? ChangedOn = null);

    public static async Task<Officials.Person> RunAsync(Workflow w, Actor actor, int userId, Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(request);
        var user = await w.Db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw Admin.NotFound("AdminUserNotFound", userId);
        if (user.BodyId is not { } bodyId)
            throw Admin.Invalid("userId", "RegistryNoBody");
        RegistryRules.RequireKeeper(actor, bodyId);
        var position = Admin.Optional(request.Position, "position");
        var phone = Admin.Optional(request.Phone, "phone", 64);
        var email = Admin.Optional(request.Email, "email", 256);
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
            throw Admin.Invalid("email", "RegistryBadEmail");
        if (phone is not null && phone.Count(char.IsDigit) is < 5 or > 15)
            throw Admin.Invalid("phone", "RegistryBadPhone");
        var staff = await Officials.StaffAsync(w.Db, bodyId, ct);
        var me = staff.First(p => p.UserId == userId);
        if (request.SubstituteOfId is { } of)
        {
            if (of == userId)
                throw Admin.Invalid("substituteOfId", "AdminSubstituteSelf");
            if (staff.All(p => p.UserId != of))
                throw Admin.Invalid("substituteOfId", "AdminSubstituteOtherBody");
            if (staff.Any(p => p.UserId == of && p.SubstituteOfId == userId))
                throw Admin.Invalid("substituteOfId", "AdminSubstituteMutual");
        }
        if (me.Role == Roles.Responsible && request.SubstituteOfId is null)
        {
            var allowed = await RegistryRules.PositionsAsync(w.Db, (await w.BodyAsync(bodyId, ct)).RegionId, ct);
            if (!RegistryRules.IsAllowed(position, allowed))
                throw Admin.Invalid("position", "RegistryPositionNotAllowed", string.Join("; ", allowed));
        }
        var changed = user.Position != position || user.PhoneNumber != phone || user.Email != email || user.SubstituteOfId != request.SubstituteOfId;
        user.Position = position;
        user.PhoneNumber = phone;
        user.Email = email;
        if (email is not null)
            user.NormalizedEmail = email.ToUpperInvariant();
        user.OfficialSince = request.Since;
        user.SubstituteOfId = request.SubstituteOfId;
        await w.Db.SaveChangesAsync(ct);
        if (changed && (request.ChangedOn is not null || await RegistrationSteps.RegisteredAsync(w.Db, bodyId, ct)))
            await RecordStaffChange.RunAsync(w, actor, bodyId, request.ChangedOn ?? Officials.LocalDate(w.Now, (await w.RegionAsync((await w.BodyAsync(bodyId, ct)).RegionId, ct)).Region.Zone),
                Text.Get("RegistryChangeNote", user.DisplayName), ct);
        return (await Officials.StaffAsync(w.Db, bodyId, ct)).First(p => p.UserId == userId);
    }
}
