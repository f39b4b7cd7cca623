using Otklik.Triage.Topics;

namespace Otklik.Triage.Response;

/// <summary>
/// Whether a message needs a response (Stavropol 9(1): a complaint, question or request about the region's bodies or
/// services) or is chatter, news or advertising: a two-class linear model over the same text features as the topic
/// model (<see cref="TopicModel"/> with the labels <see cref="Needs"/> and <see cref="Other"/>). Trained and measured by
/// <c>otklik triage evaluate-response</c>; loaded from <c>Triage:ResponseModel</c>. Thread-safe.
/// </summary>
public sealed class ResponseModel
{
    public const string Needs = "needs-response";
    public const string Other = "no-response";

    private readonly int _needs;

    public ResponseModel(TopicModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _needs = model.Labels.ToList().IndexOf(Needs);
        if (model.Labels.Count != 2 || _needs < 0)
            throw new TopicModelFormatException($"a needs-a-response model has the labels {Needs} and {Other}, not {string.Join(", ", model.Labels)}");
        Model = model;
    }

    public TopicModel Model { get; }

    /// <summary>The probability that the text needs a response.</summary>
    public double Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<float> p = stackalloc float[2];
        Model.Probabilities(text, p);
        return p[_needs];
    }

    public void Save(string path) => Model.Save(path);

    public static ResponseModel Load(string path) => new(TopicModel.Load(path));
}
