using BenchmarkDotNet.Attributes;
using NodaTime;
using Otklik.Core.Calendar;

namespace Otklik.Bench;

/// <summary>
/// Deadline computations per second. Each invocation runs a batch of 4096 random (instant, amount) pairs over
/// 2020-2027 in Europe/Moscow, so the figures are per computation (OperationsPerInvoke).
/// Run: dotnet run -c Release --project bench/Otklik.Bench -- --filter '*WorkingTime*'
/// </summary>
[MemoryDiagnoser]
public class WorkingTimeBenchmarks
{
    private const int N = 4096;
    private WorkingTimeline _timeline = null!;
    private long[] _ticks = null!;
    private Instant[] _instants = null!;
    private long[] _minutes = null!;
    private int[] _days = null!;

    [GlobalSetup]
    public void Setup()
    {
        _timeline = new WorkingTimeEngine(ProductionCalendar.Russia).Timeline("Europe/Moscow");
        var random = new Random(42);
        var from = Instant.FromUtc(2020, 1, 1, 0, 0).ToUnixTimeTicks();
        var to = Instant.FromUtc(2027, 10, 1, 0, 0).ToUnixTimeTicks();
        _ticks = new long[N];
        _instants = new Instant[N];
        _minutes = new long[N];
        _days = new int[N];
        long[] typical = [30, 60, 120, 240];
        for (var i = 0; i < N; i++)
        {
            _ticks[i] = from + (long)(random.NextDouble() * (to - from)) / WorkingTimeline.TicksPerMinute * WorkingTimeline.TicksPerMinute;
            _instants[i] = Instant.FromUnixTimeTicks(_ticks[i]);
            _minutes[i] = random.Next(4) == 0 ? random.Next(1, 5000) : typical[random.Next(typical.Length)];
            _days[i] = random.Next(1, 31);
        }
    }

    [Benchmark(OperationsPerInvoke = N, Baseline = true, Description = "(a) add working minutes, ticks")]
    public long AddWorkingMinutesTicks()
    {
        long sum = 0;
        for (var i = 0; i < N; i++)
            sum += _timeline.AddWorkingMinutes(_ticks[i], _minutes[i]);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "(a) add working minutes, Instant")]
    public long AddWorkingMinutesInstant()
    {
        long sum = 0;
        for (var i = 0; i < N; i++)
            sum += _timeline.AddWorkingMinutes(_instants[i], _minutes[i]).ToUnixTimeTicks();
        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "(b) add working days")]
    public long AddWorkingDays()
    {
        long sum = 0;
        for (var i = 0; i < N; i++)
            sum += _timeline.AddWorkingDays(_instants[i], _days[i]).ToUnixTimeTicks();
        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "(d) working minutes between")]
    public long Between()
    {
        long sum = 0;
        for (var i = 0; i < N; i++)
            sum += _timeline.WorkingMinutesBetween(_instants[i], _instants[(i + 1) & (N - 1)]);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "(c) add calendar days")]
    public long AddCalendarDays()
    {
        long sum = 0;
        for (var i = 0; i < N; i++)
            sum += WorkingTimeEngine.AddCalendarDays(_instants[i], _timeline.Zone, _days[i]).ToUnixTimeTicks();
        return sum;
    }
}
