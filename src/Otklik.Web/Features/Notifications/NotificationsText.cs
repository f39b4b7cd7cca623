namespace Otklik.Web.Features.Notifications;

/// <summary>Marker for the notifications' texts: Resources/Features/Notifications/NotificationsText.resx.</summary>
public sealed class NotificationsText;
