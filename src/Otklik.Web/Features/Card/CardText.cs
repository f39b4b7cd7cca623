namespace Otklik.Web.Features.Card;

/// <summary>Marker for the incident card texts: Resources/Features/Card/CardText.resx.</summary>
public sealed class CardText;
