namespace Otklik.Web.Features.Home;

/// <summary>Marker for the home page texts: Resources/Features/Home/HomeText.resx.</summary>
public sealed class HomeText;
