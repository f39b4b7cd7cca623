using Otklik.Core.Publishing;
using Otklik.Core.Publishing.UseCases;

namespace Otklik.Connectors.Publishing;

/// <summary>A photo going out with an answer, and its public link if the app has a public address (for a network that refuses the file).</summary>
public sealed record AnswerPhoto(string FileName, string ContentType, byte[] Bytes, string? PublicUrl = null);

/// <summary>
/// One answer to send: where (the thread), as whom (the account's network id and its token), what (the text, with any
/// video links, and the photos), the key that makes a repeated send one answer, and what an earlier, cut-off send did.
/// </summary>
public sealed record AnswerRequest(
    long PublicationId,
    PublicationTarget Target,
    string AccountExternalId,
    string Token,
    string Text,
    IReadOnlyList<AnswerPhoto> Photos,
    string IdempotencyKey,
    string? Progress,
    Func<string, CancellationToken, Task> SaveProgressAsync);

/// <summary>Why a send failed, classified for the outbox (retry, refuse, mark the account, or leave it to a person).</summary>
public sealed class PublishFailedException(SendFailure kind, string message, string? code = null, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public SendFailure Kind { get; } = kind;

    public string? Code { get; } = code;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>Sends an answer to one network as the body's official account, in the thread of the citizen's message.</summary>
public interface IAnswerPublisher
{
    /// <summary>vk, ok or telegram.</summary>
    string Channel { get; }

    /// <summary>
    /// The network recognises a repeated send with the same key (VK's <c>guid</c>): a send cut off midway may simply be
    /// sent again. Otherwise it is left to a person (<see cref="SendFailure.Uncertain"/>).
    /// </summary>
    bool RecognisesRepeats { get; }

    /// <exception cref="PublishFailedException">The network refused or did not answer.</exception>
    Task<ConfirmPublication.Sent> PublishAsync(AnswerRequest request, CancellationToken ct);
}
