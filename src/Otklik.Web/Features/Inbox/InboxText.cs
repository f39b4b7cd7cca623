namespace Otklik.Web.Features.Inbox;

/// <summary>Marker for the body inbox texts: Resources/Features/Inbox/InboxText.resx.</summary>
public sealed class InboxText;
