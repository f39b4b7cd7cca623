namespace Otklik.Web.Features.Officials;

/// <summary>Marker for the registry pages' texts: Resources/Features/Officials/OfficialsText.resx.</summary>
public sealed class OfficialsText;
