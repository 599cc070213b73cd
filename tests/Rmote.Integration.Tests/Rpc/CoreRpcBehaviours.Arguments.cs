using Rmote.TestTools;

namespace Rmote.Integration.Tests.Rpc;

// Arguments are evaluated on the host, whatever their shape; values of every supported kind round-trip exactly.
public abstract partial class CoreRpcBehaviours
{
    private sealed class Inner
    {
        public int Field = 7;
    }

    private sealed class Outer
    {
        public Inner Prop { get; } = new();

        public Inner? Missing { get; init; }

        public static Outer Make() => new();
    }

    private static readonly Outer StaticOuter = new();

    [Fact]
    public async Task Arguments_of_every_expression_shape_are_evaluated_on_the_host()
    {
        var connection = await SharedAsync();
        int a = 4, b = 9;
        var list = new List<int> { 1, 2, 3 };
        var outer = new Outer();
        int[] values = [5, 6];

        Assert.Equal(3, await connection.CallAsync(() => Calc.Add(1, 2)));                         // constants
        Assert.Equal(13, await connection.CallAsync(() => Calc.Add(a, b)));                       // captured locals
        Assert.Equal(14, await connection.CallAsync(() => Calc.Add(outer.Prop.Field, StaticOuter.Prop.Field))); // member chains
        Assert.Equal(12, await connection.CallAsync(() => Calc.Add(Math.Max(a, b), list.Count))); // nested calls
        Assert.Equal(9, await connection.CallAsync(() => Calc.Add(a * 2, list[0] % 2)));           // arithmetic, indexer
        Assert.Equal(7, await connection.CallAsync(() => Calc.Add(Outer.Make().Prop.Field, 0)));  // a chain off a call
        Assert.Equal(11, await connection.CallAsync(() => HostScenarios.Sum(values)));             // an array local
        Assert.Equal(13, await connection.CallAsync(() => HostScenarios.Sum(new[] { a, b })));     // an array initializer
        Assert.Equal(0, await connection.CallAsync(() => HostScenarios.Sum(new int[3])));          // an array of a size
        Assert.Equal(6, await connection.CallAsync(() => HostScenarios.Sum(list.ToArray())));

        // Host-side evaluation, made visible: the argument is this process's pid, not the agent's.
        Assert.Equal(Environment.ProcessId, await connection.CallAsync(() => Calc.Add(Environment.ProcessId, 0)));
        Assert.NotEqual(Environment.ProcessId, await connection.CallAsync(() => HostScenarios.ProcessId()));
    }

    [Fact]
    public async Task Captured_variables_are_read_when_the_call_is_made()
    {
        var connection = await SharedAsync();
        var value = 1;
        var results = new List<int>();

        for (var i = 0; i < 3; i++)
        {
            value *= 10;
            results.Add(await connection.CallAsync(() => Calc.Add(value, i)));
        }

        Assert.Equal([10, 101, 1002], results);
    }

    [Fact]
    public async Task Null_arguments_arrive_as_null()
    {
        var connection = await SharedAsync();
        string? text = null;
        int[]? values = null;

        Assert.Equal("<null>|<null>|<null>", await connection.CallAsync(() => HostScenarios.Describe(null, null, null)));
        Assert.Equal("<null>|<null>|<null>", await connection.CallAsync(() => HostScenarios.Describe(text, values, null)));
        Assert.Equal("x||<null>", await connection.CallAsync(() => HostScenarios.Describe("x", Array.Empty<int>(), null)));
        Assert.Null(await connection.CallAsync(() => Calc.NullBytes()));
    }

    [Fact]
    public async Task An_argument_that_fails_to_evaluate_throws_on_the_host()
    {
        var connection = await SharedAsync();
        var outer = new Outer();

        await Assert.ThrowsAsync<NullReferenceException>(() => connection.CallAsync(() => Calc.Add(outer.Missing!.Field, 1)));
        var zero = 0;
        await Assert.ThrowsAsync<DivideByZeroException>(() => connection.CallAsync(() => Calc.Add(1 / zero, 1)));
        Assert.Equal(2, await connection.CallAsync(() => Calc.Add(1, 1)));
    }

    [Fact]
    public async Task Records_collections_and_bytes_round_trip_exactly()
    {
        var connection = await SharedAsync();
        var child = new Shape("child", Color.Blue, [], [], [], [], DateTimeOffset.MinValue, Guid.Empty, null, null);
        var shape = new Shape("parent \u2028 \0 😀", Color.Green, [3, 4, 5], ["a", "", "c"],
            new() { ["pi"] = Math.PI, ["max"] = double.MaxValue, ["eps"] = double.Epsilon },
            [0, 1, 254, 255], new DateTimeOffset(2024, 2, 29, 23, 59, 59, 999, TimeSpan.FromHours(-7)), Guid.NewGuid(), 42, child);

        var back = await connection.CallAsync(() => HostScenarios.Roundtrip(shape));

        AssertSameShape(shape, back);
        AssertSameShape(child, back.Child!);

        var groups = await connection.CallAsync(() => HostScenarios.Group(new List<int> { 1, 2, 3, 4, 5 }));
        Assert.Equal([1, 3, 5], groups["odd"]);
        Assert.Equal([2, 4], groups["even"]);

        var data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).NextBytes(data);
        var reversed = await connection.CallAsync(() => HostScenarios.Reverse(data));
        Array.Reverse(data);
        Assert.True(data.AsSpan().SequenceEqual(reversed), "a 3 MiB byte[] argument or result was altered");
        Assert.Empty(await connection.CallAsync(() => HostScenarios.Reverse(Array.Empty<byte>())));

        var generated = await connection.CallAsync(() => Calc.Bytes(1 << 20, 3));
        var expected = new byte[1 << 20];
        new Random(3).NextBytes(expected);
        Assert.True(expected.AsSpan().SequenceEqual(generated), "a 1 MiB byte[] result was altered");
    }

    private static void AssertSameShape(Shape expected, Shape actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Color, actual.Color);
        Assert.Equal(expected.Sides, actual.Sides);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Metrics, actual.Metrics);
        Assert.Equal(expected.Blob, actual.Blob);
        Assert.Equal(expected.Created, actual.Created);
        Assert.Equal(expected.Created.Offset, actual.Created.Offset);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Optional, actual.Optional);
        Assert.Equal(expected.Child is null, actual.Child is null);
    }
}
