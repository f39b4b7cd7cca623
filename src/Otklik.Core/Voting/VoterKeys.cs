using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Otklik.Core.Incidents;

namespace Otklik.Core.Voting;

public enum ContactKind
{
    Phone,
    Email,
}

/// <summary>A contact written one way: a phone as +7XXXXXXXXXX, an e-mail in lower case.</summary>
public sealed record Contact(ContactKind Kind, string Value)
{
    /// <summary>Reads a phone (8 912 345-67-89, +7 (912) 345 67 89, 9123456789) or an e-mail; 400 on anything else.</summary>
    public static Contact Parse(string? raw)
    {
        var text = raw?.Trim() ?? "";
        if (text.Length == 0)
            throw BallotRules.Invalid("contact", "ContactRequired");
        if (text.Contains('@', StringComparison.Ordinal))
        {
            var email = text.ToLowerInvariant();
            if (email.Length > 254 || !Regex.IsMatch(email, @"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.None, TimeSpan.FromSeconds(1)))
                throw BallotRules.Invalid("contact", "ContactInvalid");
            return new Contact(ContactKind.Email, email);
        }
        if (Regex.IsMatch(text, @"[^\d\s()+\-]", RegexOptions.None, TimeSpan.FromSeconds(1)))
            throw BallotRules.Invalid("contact", "ContactInvalid");
        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        if (digits.Length == 11 && digits[0] is '8' or '7')
            digits = "7" + digits[1..];
        else if (digits.Length == 10 && digits[0] == '9')
            digits = "7" + digits;
        if (digits.Length != 11 || digits[0] != '7' || digits[1] != '9')
            throw BallotRules.Invalid("contact", "PhoneInvalid");
        return new Contact(ContactKind.Phone, "+" + digits);
    }

    /// <summary>The contact half hidden, to show where the code went (+7 912 ***-**-89, iv***@mail.ru).</summary>
    public string Masked => Kind == ContactKind.Phone
        ? $"+7 {Value[2..5]} ***-**-{Value[^2..]}"
        : Value[..Math.Min(2, Value.IndexOf('@', StringComparison.Ordinal))] + "***" + Value[Value.IndexOf('@', StringComparison.Ordinal)..];
}

/// <summary>
/// Keyed hashes (HMAC-SHA256) so that contacts, codes and client addresses are never stored: a voter key per event
/// and contact (the one-vote rule compares these), a code's hash, a client's tag in the audit log.
/// </summary>
public sealed class VoterKeys
{
    private readonly byte[] _key;

    public VoterKeys(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
            throw new ArgumentException("The voting contact key must have at least 32 bytes", nameof(key));
        _key = key;
    }

    /// <summary>The key from <c>Voting:ContactKey</c> (base64), else from the key file, created once with a random key.</summary>
    public static VoterKeys From(VotingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ContactKey))
            return new VoterKeys(Convert.FromBase64String(options.ContactKey));
        var file = options.KeyFile;
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            try
            {
                using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            catch (IOException) when (File.Exists(file))
            {
                // another process created it first: use theirs
            }
        }
        return new VoterKeys(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }

    public string Voter(int eventId, Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return Hash($"voter:{eventId}:{contact.Value}");
    }

    public string Code(string voterKey, string code) => Hash($"code:{voterKey}:{code}");

    public string Client(string? address) => address is null ? "-" : Hash($"client:{address}")[..16];

    private string Hash(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));
}

/// <summary>Receipt codes (12 characters of Crockford's base32, 60 random bits) and the trackers derived from them.</summary>
public static class Receipts
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<char> chars = stackalloc char[14];
        var k = 0;
        for (var i = 0; i < 12; i++)
        {
            if (i is 4 or 8)
                chars[k++] = '-';
            chars[k++] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return new string(chars);
    }

    /// <summary>The receipt as typed back (any case, spaces or dashes, O for 0, I or L for 1) in its canonical form, or null.</summary>
    public static string? Normalize(string? typed)
    {
        var clean = new string([.. (typed ?? "").ToUpperInvariant().Where(c => c is not (' ' or '-'))
            .Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c })]);
        if (clean.Length != 12 || clean.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
            return null;
        return $"{clean[..4]}-{clean[4..8]}-{clean[8..]}";
    }

    /// <summary>The tracker the ballot file shows: SHA-256 of "otklik-receipt:{slug}:{receipt}", first 16 bytes in hex.</summary>
    public static string Tracker(string slug, string receipt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"otklik-receipt:{slug}:{receipt}")))[..32];
}

/// <summary>A request refused for coming too often (HTTP 429).</summary>
public sealed class TooManyRequestsException(string message) : Exception(message);

/// <summary>The code could not be handed to the SMS gateway or the mail server (HTTP 503); nothing was accepted.</summary>
public sealed class CodeDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Sends a one-time code to a phone (the SMS gateway) or an e-mail address (SMTP).</summary>
public interface ICodeSender
{
    Task SendAsync(Contact recipient, string text, string subject, CancellationToken ct);
}

/// <summary>
/// Who runs votes. Until the registry of officials (issue [10]) keeps voting officers per body, a voting officer
/// of a body is a user with the VotingOfficer role working for that body (Leningrad 002 §4, §9), and the centre
/// (curator, administrator) approves events (000 §3.2.2(5)). This is the one place that decides it.
/// </summary>
public static class VoteAccess
{
    public static bool IsCentre(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor == Actor.System || actor.IsAny(Registry.Roles.Curator, Registry.Roles.Administrator);
    }

    public static bool IsOfficerOf(Actor actor, int bodyId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Is(Registry.Roles.VotingOfficer) && actor.BodyId == bodyId;
    }

    /// <summary>The events this actor may see in the workplace: the whole region for the centre, else its body's.</summary>
    public static IQueryable<VoteEvent> Visible(IQueryable<VoteEvent> events, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.SeesWholeRegion)
            return events;
        if (!actor.Is(Registry.Roles.VotingOfficer))
            return events.Where(e => false);
        var body = actor.BodyId ?? -1;
        return events.Where(e => e.BodyId == body);
    }

    /// <summary>May run (edit, submit, enter paper ballots, count, publish) this event.</summary>
    public static bool MayRun(Actor actor, VoteEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return IsCentre(actor) || IsOfficerOf(actor, e.BodyId);
    }
}
