namespace Otklik.Web.Components;

/// <summary>Marker for the texts of the layout and shared components: Resources/Components/UiText.resx (Russian,
/// neutral) and UiText.en.resx.</summary>
public sealed class UiText;
