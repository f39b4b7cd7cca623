using System.Globalization;
using Otklik.Core.Voting.UseCases;

namespace Otklik.Web.Features.Voting;

/// <summary>
/// The public proposal form as posted (title, description, cost, district, place, contact, code), kept between the
/// two steps as hidden fields. Reading it decides nothing: <see cref="SubmitProposal"/> checks every field.
/// </summary>
public sealed class ProposalForm
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    /// <summary>The cost as typed (1 500 000, 1500000,50).</summary>
    public string? Cost { get; init; }

    public int? DistrictId { get; init; }

    public string? Place { get; init; }

    public string? Contact { get; init; }

    public string? Code { get; init; }

    public static ProposalForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new ProposalForm
        {
            Title = form["title"].ToString(),
            Description = form["description"].ToString(),
            Cost = form["cost"].ToString().Trim() is { Length: > 0 } c ? c : null,
            DistrictId = int.TryParse(form["district"], NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null,
            Place = form["place"].ToString(),
            Contact = form["contact"].ToString(),
            Code = form["code"].ToString(),
        };
    }

    /// <summary>The cost as a number; a cost that is not one reads as −1, for the use case to refuse by name.</summary>
    public decimal? CostValue
    {
        get
        {
            if (Cost is null)
                return null;
            var clean = new string([.. Cost.Where(c => !char.IsWhiteSpace(c) && c != '₽')]).Replace(',', '.');
            return decimal.TryParse(clean, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : -1;
        }
    }

    public SubmitProposal.Request ToRequest() => new(Contact, Code, Title, Description, CostValue, DistrictId, Place, null, null);

    public IEnumerable<(string Name, string Value)> Hidden()
    {
        yield return ("title", Title ?? "");
        yield return ("description", Description ?? "");
        if (Cost is { } c)
            yield return ("cost", c);
        if (DistrictId is { } d)
            yield return ("district", d.ToString(CultureInfo.InvariantCulture));
        if (Place is { Length: > 0 } p)
            yield return ("place", p);
        if (Contact is { Length: > 0 } contact)
            yield return ("contact", contact);
    }
}
