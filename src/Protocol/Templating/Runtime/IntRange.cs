using System.Collections;

namespace Rmote.Templating.Runtime;

/// <summary>The value of <c>range(...)</c>: lazy (range(10**9) costs nothing until iterated) and countable.</summary>
internal sealed class IntRange : IReadOnlyList<int>, ICollection
{
    private readonly int start;
    private readonly int step;

    public IntRange(int start, int stop, int step)
    {
        this.start = start;
        this.step = step;
        var span = step > 0 ? (long)stop - start : (long)start - stop;
        var magnitude = Math.Abs((long)step);
        Count = span <= 0 ? 0 : (int)((span + magnitude - 1) / magnitude);
    }

    public int Count { get; }

    public bool IsSynchronized => false;

    public object SyncRoot => this;

    public int this[int index] => index >= 0 && index < Count ? start + index * step : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<int> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return start + i * step;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void CopyTo(Array array, int index)
    {
        foreach (var value in this) array.SetValue(value, index++);
    }
}
