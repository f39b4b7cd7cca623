using Microsoft.Playwright;

namespace Otklik.Web.Tests.Browser;

/// <summary>Choosing a file in a Blazor <c>InputFile</c>.</summary>
public static class FileInputs
{
    /// <summary>
    /// Sets the file once the component has hooked its change listener: the page turns interactive a moment before
    /// <c>InputFile</c> initialises in its first after-render, and a file chosen in between is never read by the server.
    /// (The marker is the id counter Blazor's script puts on the element when it starts listening.)
    /// </summary>
    public static async Task ChooseAsync(ILocator input, FilePayload file)
    {
        ArgumentNullException.ThrowIfNull(input);
        await input.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await input.Page.WaitForFunctionAsync("e => e._blazorInputFileNextFileId !== undefined", await input.ElementHandleAsync(),
            new() { Timeout = 30_000 });
        await input.SetInputFilesAsync(file);
    }
}
