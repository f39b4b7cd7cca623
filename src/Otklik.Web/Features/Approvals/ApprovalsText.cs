namespace Otklik.Web.Features.Approvals;

/// <summary>Marker for the curator's approval queue texts: Resources/Features/Approvals/ApprovalsText.resx.</summary>
public sealed class ApprovalsText;
