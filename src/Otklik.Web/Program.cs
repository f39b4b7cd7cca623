using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Otklik.Web.Infrastructure;

// Settings (appsettings.json) come from the app's own folder; relative data paths from the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
// Static files (styles, blazor.web.js) from the build output's manifest in every environment, so `dotnet run` serves
// them in Production too; a published app has no manifest and serves its own wwwroot.
StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);
builder.Services.AddOtklik(builder.Configuration);

var app = builder.Build();
app.UseOtklik();
app.Run();

/// <summary>The web host's entry point (public for the integration tests' WebApplicationFactory).</summary>
public partial class Program;
