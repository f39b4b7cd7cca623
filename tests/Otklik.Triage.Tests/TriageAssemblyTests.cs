namespace Otklik.Triage.Tests;

public class TriageAssemblyTests
{
    [Fact]
    public void Assembly_is_named_for_triage() =>
        Assert.Equal("Otklik.Triage", typeof(TriageAssembly).Assembly.GetName().Name);
}
