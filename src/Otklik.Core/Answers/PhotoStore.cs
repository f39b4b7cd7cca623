using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Otklik.Core.Incidents;
using Otklik.Core.Publishing;

namespace Otklik.Core.Answers;

/// <summary>The <c>Attachments</c> configuration section: where photos are kept and how large they may be.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>A folder for the photos' files; unset: the photos are kept in the database.</summary>
    public string? Directory { get; set; }

    /// <summary>The largest photo accepted (default 10 MB: Telegram's limit for a photo).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The most photos one answer may carry (default 10: a Telegram album, a VK comment's attachments).</summary>
    public int MaxPerAnswer { get; set; } = 10;

    /// <summary>
    /// The app's public address, if it has one: a network that will not take a photo's file (a VK community key) gets a
    /// link to it instead (<c>{PublicBaseUrl}/photos/{sha256}.jpg</c>, served for approved answers only).
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>
/// Reads, checks and keeps photos: the type from the bytes (JPEG, PNG, GIF, WebP — a renamed document is refused whatever
/// its extension says), the size against <see cref="AttachmentOptions.MaxBytes"/>, and the bytes in the database or in the
/// configured folder under their SHA-256.
/// </summary>
public sealed class PhotoStore(IOptions<AttachmentOptions> options)
{
    private static readonly string[] s_extensions = [".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp"];

    public AttachmentOptions Options { get; } = options.Value;

    /// <summary>A photo read and checked, not yet kept.</summary>
    public sealed record Checked(string FileName, string ContentType, byte[] Bytes, string Sha256);

    /// <summary>Reads at most <see cref="AttachmentOptions.MaxBytes"/> and checks name, size and type; refuses naming the field "file".</summary>
    public async Task<Checked> CheckAsync(string? fileName, Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = Path.GetFileName(fileName ?? "").Trim();
        if (name.Length == 0)
            name = "photo";
        if (name.Length > 200)
            name = name[^200..];
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (extension.Length > 0 && !s_extensions.Contains(extension))
            throw Invalid("PhotoExtension", extension);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > Options.MaxBytes)
                throw Invalid("PhotoTooLarge", Megabytes(Options.MaxBytes));
        }
        if (buffer.Length == 0)
            throw Invalid("PhotoEmpty");
        var bytes = buffer.ToArray();
        var type = Sniff(bytes) ?? throw Invalid("PhotoType");
        return new Checked(name, type, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>Refuses at once a file whose announced size is over the limit (before its bytes are read).</summary>
    public void CheckLength(long length)
    {
        if (length > Options.MaxBytes)
            throw Invalid("PhotoTooLarge", Megabytes(Options.MaxBytes));
    }

    /// <summary>Keeps the bytes where configured and fills the photo's storage fields.</summary>
    public async Task KeepAsync(DraftPhoto photo, Checked file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(file);
        photo.Length = file.Bytes.LongLength;
        photo.Sha256 = file.Sha256;
        photo.ContentType = file.ContentType;
        if (string.IsNullOrWhiteSpace(Options.Directory))
        {
            photo.Content = file.Bytes;
            return;
        }
        System.IO.Directory.CreateDirectory(Options.Directory);
        var stored = file.Sha256 + Extension(file.ContentType);
        var path = Path.Combine(Options.Directory, stored);
        if (!File.Exists(path))
        {
            // Written aside and moved, so a crash never leaves a half file under the final name.
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temp, file.Bytes, ct);
            File.Move(temp, path, overwrite: true);
        }
        photo.StoredName = stored;
    }

    /// <summary>The photo's bytes, from the database or the folder.</summary>
    public async Task<byte[]> ReadAsync(DraftPhoto photo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(photo);
        if (photo.Content is { } bytes)
            return bytes;
        if (photo.StoredName is { } stored && !string.IsNullOrWhiteSpace(Options.Directory))
        {
            var path = Path.Combine(Options.Directory, Path.GetFileName(stored));
            if (File.Exists(path))
                return await File.ReadAllBytesAsync(path, ct);
        }
        throw new WorkflowException(WorkflowError.NotFound, PublicationText.Get("PhotoMissing", photo.Id));
    }

    /// <summary>The image type by its first bytes, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
            return "image/jpeg";
        if (b.Length >= 8 && b[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            return "image/png";
        if (b.Length >= 6 && (b[..6].SequenceEqual("GIF87a"u8) || b[..6].SequenceEqual("GIF89a"u8)))
            return "image/gif";
        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8))
            return "image/webp";
        return null;
    }

    public static string Extension(string contentType) => contentType switch
    {
        "image/png" => ".png",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        _ => ".jpg",
    };

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.CurrentCulture);

    private static WorkflowException Invalid(string key, params object?[] args) =>
        new(WorkflowError.Invalid, PublicationText.Get(key, args), "file");
}
