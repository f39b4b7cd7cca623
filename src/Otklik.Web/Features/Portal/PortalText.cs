namespace Otklik.Web.Features.Portal;

/// <summary>Marker for the portal pages' texts: Resources/Features/Portal/PortalText.resx.</summary>
public sealed class PortalText;
