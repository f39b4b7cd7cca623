namespace Otklik.Web;

/// <summary>
/// Marker for the user-facing texts in Resources/SharedResource.resx (Russian, the neutral language) and
/// SharedResource.en.resx (English).
/// </summary>
public sealed class SharedResource;
