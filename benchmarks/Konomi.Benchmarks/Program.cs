using Konomi.Benchmarks;
using Konomi.Cli;

return await Cli.InvokeAsync(BenchmarkCommand.Create(), args);
