namespace Otklik.Web.Features.Admin;

/// <summary>Marker for the administration texts: Resources/Features/Admin/AdminText.resx.</summary>
public sealed class AdminText;
