using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Accounts;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Portal;
using Otklik.Core.Portal.UseCases;
using Otklik.Core.Registry;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Portal;

/// <summary>What the portal tests share on top of <see cref="IncidentWorld"/> (a Leningrad region): the portal token, appeals, files, users.</summary>
internal static class PortalWorld
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<string> PortalTokenAsync(this IncidentWorld w)
    {
        await using var scope = w.Factory.Services.CreateAsyncScope();
        return await ApiTokens.CreateAsync(scope.ServiceProvider.GetRequiredService<OtklikDbContext>(), w.Clock, "regional-pos", ApiTokens.PortalScope, Ct);
    }

    /// <summary>An appeal as a regional system sends it to <c>POST /api/portal/appeals</c>.</summary>
    public static object Appeal(string number, string registeredAt, bool accelerated = false, string category = "ЖКХ", string? subcategory = "Вывоз мусора",
        string text = "Во дворе третью неделю не вывозят мусор, контейнеры переполнены") => new
        {
            number,
            registeredAt,
            category,
            subcategory,
            text,
            authorName = "Иванова Мария Петровна",
            authorContact = "+7 911 123-45-67",
            address = "Ленинградская обл., г. Всеволожск, ул. Ленинградская, д. 14",
            latitude = 60.0206,
            longitude = 30.6377,
            attachments = new[] { $"https://pos.gosuslugi.ru/files/{number}/1.jpg" },
            accelerated,
            status = "Зарегистрировано",
        };

    public static async Task<HttpResponseMessage> PostAppealsAsync(this IncidentWorld w, string token, object body)
    {
        using var client = w.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.PostAsJsonAsync("/api/portal/appeals", body, JsonSerializerOptions.Web, Ct);
    }

    public static async Task<JsonElement> ImportOkAsync(this IncidentWorld w, string token, params object[] appeals) =>
        await Http.OkAsync(await w.PostAppealsAsync(token, appeals));

    /// <summary>Imports a file as <c>otklik import portal</c> does (the same use case, in the app's own services).</summary>
    public static async Task<(ImportFile.Result Result, PortalFile.Content File)> ImportFileAsync(this IncidentWorld w, string path)
    {
        await using var scope = w.Factory.Services.CreateAsyncScope();
        var workflow = scope.ServiceProvider.GetRequiredService<Workflow>();
        var regionId = await workflow.Db.Regions.Select(r => r.Id).SingleAsync(Ct);
        return await ImportFile.RunAsync(workflow, regionId, path, AppealSource.File, null, scope.ServiceProvider.GetRequiredService<PortalOptions>(), Ct);
    }

    /// <summary>A routing rule: the topic of this name (any district) goes to the body.</summary>
    public static Task RuleAsync(this IncidentWorld w, string topicName, int bodyId) => w.DbAsync(async db =>
    {
        var topic = await db.Topics.SingleAsync(t => t.Name == topicName, Ct);
        db.RoutingRules.Add(new RoutingRule { RegionId = await db.Regions.Select(r => r.Id).SingleAsync(Ct), TopicId = topic.Id, BodyId = bodyId });
        return await db.SaveChangesAsync(Ct);
    });

    /// <summary>Adds a person to a body (e.g. a substitute), as the administrator's user page would.</summary>
    public static async Task<int> AddUserAsync(this IncidentWorld w, string login, string role, string body, string? substituteOf = null)
    {
        await using var scope = w.Factory.Services.CreateAsyncScope();
        var user = await CreateUser.RunAsync(scope.ServiceProvider.GetRequiredService<OtklikDbContext>(), scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(),
            scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>(),
            new CreateUser.Request(login, IncidentWorld.Password, role, body, login, null, null, null, substituteOf), Ct);
        return user.Id;
    }

    /// <summary>The repository's docs folder (the sample file lives there).</summary>
    public static string Docs(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", file);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"docs/{file} not found above {AppContext.BaseDirectory}");
    }
}
