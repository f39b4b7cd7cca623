using Microsoft.AspNetCore.Identity;
using Otklik.Core.Accounts;
using Otklik.Core.Registry;
using Otklik.Core.Resources;

namespace Otklik.Web.Features.Account;

/// <summary>
/// Signing in with a login and a password, the same for the form and <c>POST /api/auth/login</c>: growing delays after
/// failures per login from an address and per address (<see cref="LoginThrottle"/>) instead of locking the account
/// for everyone; a deactivated account stays closed.
/// </summary>
public sealed class PasswordSignIn(SignInManager<AppUser> signIn, LoginThrottle throttle)
{
    public enum Outcome
    {
        SignedIn,
        BadCredentials,
        TooManyAttempts,
        LockedOut,
    }

    public sealed record Result(Outcome Outcome, string? Message, TimeSpan? RetryAfter = null);

    public async Task<Result> RunAsync(string login, string password, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        // A login or password with a NUL or another control character matches nobody (and must not reach the database).
        if (Otklik.Core.Incidents.TextLimits.HasControlCharacters(login) || Otklik.Core.Incidents.TextLimits.HasControlCharacters(password) || login.Length > 256)
            return new(Outcome.BadCredentials, Text.Get("BadCredentials"));
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var ct = http.RequestAborted;
        if (await throttle.WaitAsync(login, address, ct) is { } wait)
            return new(Outcome.TooManyAttempts, Text.Get("TooManyAttempts", Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))), wait);
        // Failures do not lock the account (the throttle slows the address instead); a deactivated one is locked for good.
        var result = await signIn.PasswordSignInAsync(login, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            await throttle.SucceededAsync(login, address, ct);
            return new(Outcome.SignedIn, null);
        }
        if (result.IsLockedOut)
            return new(Outcome.LockedOut, Text.Get("LockedOut"));
        await throttle.FailedAsync(login, address, ct);
        return new(Outcome.BadCredentials, Text.Get("BadCredentials"));
    }
}
