namespace Otklik.Web.Features.Publishing;

/// <summary>Marker for the publication, photos, findings and replies texts: Resources/Features/Publishing/PublishingText.resx.</summary>
public sealed class PublishingText;
