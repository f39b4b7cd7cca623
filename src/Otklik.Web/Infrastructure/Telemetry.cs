using Npgsql;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Otklik.Core.Observability;

namespace Otklik.Web.Infrastructure;

/// <summary>
/// OpenTelemetry traces, metrics and logs: ASP.NET Core, outgoing HTTP (the networks, the portal, SMTP aside), Npgsql,
/// and the product's own <see cref="OtklikTelemetry"/> counters. Exported by OTLP when an endpoint is configured —
/// <c>Telemetry:OtlpEndpoint</c> or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> — and not collected otherwise.
/// Logs are structured either way: <c>Logging:Console:FormatterName=json</c> writes them as JSON lines.
/// </summary>
internal static class Telemetry
{
    public static IServiceCollection AddOtklikTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration["Telemetry:OtlpEndpoint"] is { Length: > 0 } configured ? configured : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrEmpty(endpoint))
            return services;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            throw new InvalidOperationException($"Telemetry:OtlpEndpoint is not an absolute URL: '{endpoint}'");
        var protocol = configuration["Telemetry:OtlpProtocol"] == "grpc" ? OpenTelemetry.Exporter.OtlpExportProtocol.Grpc : OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf;
        void Exporter(OpenTelemetry.Exporter.OtlpExporterOptions o, string signal)
        {
            o.Protocol = protocol;
            // Over HTTP each signal has its own path under the collector's base address.
            o.Endpoint = protocol == OpenTelemetry.Exporter.OtlpExportProtocol.Grpc ? uri : new Uri(uri, signal);
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["Telemetry:ServiceName"] ?? "otklik",
                serviceInstanceId: configuration["Telemetry:InstanceId"] ?? Environment.MachineName + ":" + Environment.ProcessId))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/_framework") && !c.Request.Path.StartsWithSegments("/_blazor"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(OtklikTelemetry.Name)
                .AddOtlpExporter(o => Exporter(o, "v1/traces")))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("Npgsql")
                .AddMeter(OtklikTelemetry.Name)
                .AddOtlpExporter((o, reader) =>
                {
                    Exporter(o, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds =
                        Math.Max(1000, configuration.GetValue("Telemetry:MetricsIntervalMilliseconds", 60_000));
                }))
            .WithLogging(l => l.AddOtlpExporter(o => Exporter(o, "v1/logs")), o => o.IncludeFormattedMessage = true);
        return services;
    }
}
