using Otklik.Core.Incidents;

namespace Otklik.Core.Triage;

/// <summary>
/// The automatic triage of every ingested message, plugged into <see cref="Incidents.UseCases.IngestMessages"/> by the
/// host (the implementation lives in Otklik.Triage, which Core does not reference).
/// </summary>
public interface IIngestTriage
{
    /// <summary>For each new incident, before its batch is saved: suggestions, importance, flags, repeat candidate.</summary>
    ValueTask TriageAsync(Workflow workflow, Incident incident, SourceMessage message, CancellationToken ct);

    /// <summary>After the batch is saved: notices for socially significant ones, and auto-routing of confident ones.</summary>
    Task AfterSaveAsync(Workflow workflow, IReadOnlyList<Incident> created, CancellationToken ct);
}
