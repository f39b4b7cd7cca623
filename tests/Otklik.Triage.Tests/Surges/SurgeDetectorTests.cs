using Otklik.Triage.Surges;

namespace Otklik.Triage.Tests.Surges;

/// <summary>Leningrad §12: surges of activity are reported to the Governor within one day.</summary>
public class SurgeDetectorTests
{
    private static readonly SurgeKey s_water = new("water", "Кировский район");
    private static readonly SurgeKey s_roads = new("roads", "Кировский район");
    private static readonly int[] s_steady = [4, 6, 5, 3, 5, 7, 4, 5, 6, 5, 4, 6, 5, 5];

    [Fact]
    public void Section12_a_day_far_above_its_own_baseline_is_a_surge_with_its_figures()
    {
        var surge = Assert.Single(SurgeDetector.Detect([new SurgeSeries(s_water, s_steady, 30), new SurgeSeries(s_roads, s_steady, 7)]));
        Assert.Equal(s_water, surge.Key);
        Assert.Equal(30, surge.Today);
        Assert.Equal(5, surge.Mean, 1);
        Assert.True(surge.ZScore > 5);
        Assert.True(surge.PValue < 1e-6);
        Assert.True(surge.Threshold is > 5 and < 30);
    }

    [Fact]
    public void Section12_a_normal_day_and_a_noisy_series_are_not_surges()
    {
        int[] noisy = [0, 20, 1, 18, 2, 25, 0, 19, 3, 22];
        Assert.Empty(SurgeDetector.Detect([new SurgeSeries(s_water, s_steady, 8), new SurgeSeries(s_roads, noisy, 24)]));
    }

    [Fact]
    public void Section12_within_the_day_the_baseline_is_scaled_to_the_elapsed_part()
    {
        var series = new SurgeSeries(s_water, s_steady, 9);
        Assert.Null(SurgeDetector.Evaluate(series, dayFraction: 1));
        var atNine = SurgeDetector.Evaluate(series, dayFraction: 0.375);
        Assert.NotNull(atNine);
        Assert.Equal(5 * 0.375, atNine.Expected, 2);
    }

    [Fact]
    public void Section12_a_new_key_needs_the_minimum_count()
    {
        Assert.Null(SurgeDetector.Evaluate(new SurgeSeries(s_water, [], 4)));
        Assert.NotNull(SurgeDetector.Evaluate(new SurgeSeries(s_water, [0, 0, 0, 0, 0, 0, 0], 9)));
    }

    [Fact]
    public void Surges_come_strongest_first()
    {
        var surges = SurgeDetector.Detect([new SurgeSeries(s_roads, s_steady, 20), new SurgeSeries(s_water, s_steady, 40)]);
        Assert.Equal([s_water, s_roads], surges.Select(s => s.Key));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1.5)]
    public void Day_fraction_outside_0_1_is_rejected(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SurgeDetector.Detect([], fraction));

    [Fact]
    public void Poisson_tail_matches_known_values()
    {
        Assert.Equal(1, SurgeDetector.PoissonUpperTail(0, 3));
        // P(X >= 1 | λ = 2) = 1 − e^−2
        Assert.Equal(1 - Math.Exp(-2), SurgeDetector.PoissonUpperTail(1, 2), 10);
        // P(X >= 3 | λ = 1) = 1 − e^−1 (1 + 1 + 1/2)
        Assert.Equal(1 - (Math.Exp(-1) * 2.5), SurgeDetector.PoissonUpperTail(3, 1), 10);
    }
}
