namespace Otklik.Core.Regulation;

/// <summary>The events a step's clock can start from (names as used in profile files).</summary>
public static class RegulationEvents
{
    public const string Detected = "detected";
    public const string Routed = "routed";
    public const string Returned = "returned";
    public const string DraftSubmitted = "draftSubmitted";
    public const string SentBack = "sentBack";
    public const string Approved = "approved";
    public const string InterimPublished = "interimPublished";
    public const string ClarificationPublished = "clarificationPublished";
    public const string AuthorReplied = "authorReplied";
    public const string CoExecutorRequested = "coExecutorRequested";
    public const string CoExecutorInputSubmitted = "coExecutorInputSubmitted";
    public const string AppealReceived = "appealReceived";
    public const string SignificantDetected = "significantDetected";
    public const string DeficiencyFound = "deficiencyFound";
    public const string MonthEnd = "monthEnd";
    public const string StaffChanged = "staffChanged";
    public const string BodyCreated = "bodyCreated";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Detected, Routed, Returned, DraftSubmitted, SentBack, Approved, InterimPublished, ClarificationPublished,
        AuthorReplied, CoExecutorRequested, CoExecutorInputSubmitted, AppealReceived, SignificantDetected,
        DeficiencyFound, MonthEnd, StaffChanged, BodyCreated,
    };
}
