using Otklik.Core.Incidents;

namespace Otklik.Core.Triage;

/// <summary>
/// The automatic triage of every ingested message, plugged into <see cref="Incidents.UseCases.IngestMessages"/> by the
/// host (the implementation lives in Otklik.Triage, which Core does not reference). A failure of any of these on one
/// message never fails its batch: the message is stored untriaged.
/// </summary>
public interface IIngestTriage
{
    /// <summary>How likely the message needs a response (0…1), or null when no needs-a-response model is trained.</summary>
    double? NeedsResponse(SourceMessage message);

    /// <summary>
    /// For each new incident, before its batch is saved: suggestions, importance, flags, repeat candidate, and the
    /// notice of a socially significant one (saved in the same transaction as the incident).
    /// </summary>
    ValueTask TriageAsync(Workflow workflow, Incident incident, SourceMessage message, CancellationToken ct);

    /// <summary>For a message kept for monitoring only (no incident): topic, place, importance and flags on its row.</summary>
    ValueTask TriageMonitoringAsync(Workflow workflow, SourceMessage message, MessageTriage row, CancellationToken ct);

    /// <summary>After the batch is saved: the repeat index, and auto-routing of confident ones.</summary>
    Task AfterSaveAsync(Workflow workflow, IReadOnlyList<Incident> created, CancellationToken ct);
}
