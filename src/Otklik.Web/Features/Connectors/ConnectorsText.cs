namespace Otklik.Web.Features.Connectors;

/// <summary>Marker for the connectors' texts: Resources/Features/Connectors/ConnectorsText.resx.</summary>
public sealed class ConnectorsText;
