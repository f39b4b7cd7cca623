using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Data;
using Otklik.Core.Registry;

namespace Otklik.Core.Accounts;

/// <summary>ASP.NET Core Identity over the Otklik database: hashed passwords, lockout, roles.</summary>
public static class OtklikIdentity
{
    public static IdentityBuilder AddOtklikIdentityCore(this IServiceCollection services) =>
        services.AddIdentityCore<AppUser>(o =>
            {
                // New passwords: 12 characters or more (a phrase is easier to remember than symbols).
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddErrorDescriber<RussianIdentityErrors>()
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<OtklikDbContext>();
}
