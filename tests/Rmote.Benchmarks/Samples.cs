namespace Rmote.Benchmarks;

/// <summary>
/// Figures of several keys gathered over interleaved runs (A, B, A, B, …), so that variants measured side by side
/// share the machine's noise; <see cref="Medians"/> gives the report.
/// </summary>
public sealed class Samples(TextWriter log)
{
    private readonly Dictionary<string, List<double>> values = new(StringComparer.Ordinal);

    /// <summary>Records one figure of <paramref name="key"/> and logs it.</summary>
    public void Add(string key, double value)
    {
        if (!values.TryGetValue(key, out var list)) values[key] = list = [];
        list.Add(value);
        log.WriteLine($"  {key} run {list.Count}: {value:F2}");
    }

    /// <summary>Records every figure of <paramref name="figures"/>, each key prefixed with <paramref name="prefix"/>.</summary>
    public void AddAll(string prefix, IReadOnlyDictionary<string, double> figures)
    {
        foreach (var (key, value) in figures) Add(prefix + key, value);
    }

    /// <summary>The median of every key, in the order keys were first recorded.</summary>
    public Dictionary<string, double> Medians()
    {
        var medians = values.ToDictionary(pair => pair.Key, pair => Measure.Median(pair.Value), StringComparer.Ordinal);
        foreach (var (key, median) in medians) log.WriteLine($"{key} = {median:F2} (median of {values[key].Count})");
        return medians;
    }
}
