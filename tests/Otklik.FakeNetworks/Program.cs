using System.Globalization;

namespace Otklik.FakeNetworks;

/// <summary>
/// Serves the local stand-ins with sample Russian data, to try `otklik connectors poll --once` without a network
/// (docs/connectors.md) and to feed the benchmark (bench/connectors-poll.sh):
///   dotnet run --project tests/Otklik.FakeNetworks -- [--port 5099] [--vk-comments N]
/// </summary>
internal static class FakeNetworksMain
{
    public static async Task Main(string[] args)
    {
        var port = 5099;
        var comments = 40;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--port")
                port = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            else if (args[i] == "--vk-comments")
                comments = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
        }
        await using var server = await FakeNetworkServer.StartAsync(port);
        SampleData.Fill(server, TimeProvider.System.GetUtcNow(), comments);
        Console.WriteLine($"Fake networks on {server.BaseAddress}; set these and run `otklik connectors poll --once`:");
        foreach (var (key, value) in server.Settings())
            Console.WriteLine($"export {key.Replace(":", "__", StringComparison.Ordinal)}='{value}'");
        Console.WriteLine($"# feeds: {server.FeedUrl("news.xml")} (RSS), {server.FeedUrl("blog.atom")} (Atom)");
        var done = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            done.TrySetResult();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => done.TrySetResult();
        await done.Task;
    }
}
