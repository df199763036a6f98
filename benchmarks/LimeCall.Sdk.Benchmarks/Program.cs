using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process: BenchmarkDotNet 0.14 cannot generate a separate net10.0 host project, and in-process
// runs measure exactly the assembly under test. Results land in BenchmarkDotNet.Artifacts/results;
// benchmarks/run.sh copies the GitHub-flavoured markdown into benchmarks/results/.
var config = ManualConfig.CreateEmpty()
    .AddColumnProvider(DefaultColumnProviders.Instance)
    .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
    .AddExporter(MarkdownExporter.GitHub)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableLogFile);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
