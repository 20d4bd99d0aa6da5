using Xunit.Sdk;
using Xunit.v3;

// Scenarios run one at a time: each starts five processes on two cores, and one restarts the shared broker.
[assembly: Parallelization(Mode = ParallelMode.None)]
