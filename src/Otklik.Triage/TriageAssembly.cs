namespace Otklik.Triage;

/// <summary>Marker for the triage assembly: text normalisation, exclusion (clause 22), topic model, place,
/// importance, monitoring flags, repeats and surges.</summary>
public static class TriageAssembly;
