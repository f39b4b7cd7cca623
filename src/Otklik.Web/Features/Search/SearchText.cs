namespace Otklik.Web.Features.Search;

/// <summary>Marker for the search page's texts: Resources/Features/Search/SearchText.resx.</summary>
public sealed class SearchText;
