namespace Otklik.Web.Features.Feed;

/// <summary>Marker for the centre feed's texts: Resources/Features/Feed/FeedText.resx.</summary>
public sealed class FeedText;
