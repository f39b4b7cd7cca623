using BenchmarkDotNet.Running;
using Otklik.Bench;

BenchmarkSwitcher.FromAssembly(typeof(WorkingTimeBenchmarks).Assembly).Run(args);
