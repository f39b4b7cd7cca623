namespace Otklik.Web.Components.Live;

/// <summary>
/// One real-time tick per second for every countdown on the node. Countdowns read the business clock
/// (<see cref="TimeProvider"/>, fake in tests) on each tick; the tick itself only paces redrawing.
/// </summary>
public sealed class UiTicker : IDisposable
{
    private readonly ITimer _timer;

    public UiTicker() => _timer = TimeProvider.System.CreateTimer(_ => Tick?.Invoke(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    public event Action? Tick;

    public void Dispose() => _timer.Dispose();
}
