namespace Otklik.Core.Seeding;

/// <summary>
/// The <c>shared</c> folder beside the checkout (the topic taxonomy and the labelled data, which are not
/// redistributed with the product), if there is one.
/// </summary>
public static class SharedData
{
    public static string? Find(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return Directory.Exists(configured) ? configured : null;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Otklik.slnx")))
                {
                    var shared = dir.Parent is { } parent ? Path.Combine(parent.FullName, "shared") : null;
                    return shared is not null && Directory.Exists(shared) ? shared : null;
                }
            }
        }
        return null;
    }
}
