namespace Otklik.Core.Incidents;

/// <summary>Settings of the life cycle (configuration section <c>Deadlines</c>).</summary>
public sealed class WorkflowOptions
{
    /// <summary>Fractions of a step's time at which a warning is raised (default 50% and 80%).</summary>
    public double[] WarningFractions { get; set; } = [0.5, 0.8];
}
