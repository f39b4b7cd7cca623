namespace Otklik.Web.Features.Notices;

/// <summary>Marker for the notices page texts: Resources/Features/Notices/NoticesText.resx.</summary>
public sealed class NoticesText;
