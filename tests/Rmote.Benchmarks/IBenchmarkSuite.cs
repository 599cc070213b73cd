namespace Rmote.Benchmarks;

/// <summary>
/// One named group of measurements. Suites are discovered by reflection, so adding a suite is adding a file.
/// </summary>
public interface IBenchmarkSuite
{
    /// <summary>The name given on the command line (<c>kernel</c>, <c>local</c>, <c>ssh</c>, <c>template</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Runs every measurement <paramref name="runs"/> times and returns the median of each key.
    /// Progress goes to <paramref name="log"/>; the returned figures go into the JSON report.
    /// </summary>
    Task<IReadOnlyDictionary<string, double>> RunAsync(int runs, TextWriter log, CancellationToken cancellationToken);
}
