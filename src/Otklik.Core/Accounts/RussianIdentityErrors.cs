using Microsoft.AspNetCore.Identity;
using Otklik.Core.Resources;

namespace Otklik.Core.Accounts;

/// <summary>Identity's messages through the product's resources (Russian, English on request).</summary>
public sealed class RussianIdentityErrors : IdentityErrorDescriber
{
    private static IdentityError E(string code, params object?[] args) => new() { Code = code, Description = Text.Get("Identity" + code, args) };

    public override IdentityError DefaultError() => E(nameof(DefaultError));

    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), userName);

    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), userName);

    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), length);

    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit));

    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower));

    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper));

    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric));

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), uniqueChars);

    public override IdentityError DuplicateRoleName(string role) => E(nameof(DuplicateRoleName), role);

    public override IdentityError UserAlreadyInRole(string role) => E(nameof(UserAlreadyInRole), role);
}
