using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Web.Infrastructure;

/// <summary>The region this deployment serves (configuration <c>Region:Code</c>); a region is a tenant.</summary>
public sealed class RegionContext(IConfiguration configuration, IServiceScopeFactory scopes)
{
    private int? _id;

    public string Code { get; } = Core.OtklikCoreServices.RegionCode(configuration);

    public async Task<int> IdAsync(CancellationToken ct)
    {
        if (_id is { } id)
            return id;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        return (_id = await db.Regions.Where(r => r.Code == Code).Select(r => r.Id).FirstAsync(ct)).Value;
    }
}
