using Rmote.Protocol.Serialization;

namespace Rmote.Protocol.Tests;

public sealed class PayloadRoundTripTests
{
    public enum Color
    {
        Red,
        Green = 5,
    }

    [Fact]
    public void Records_classes_enums_and_nested_types_round_trip()
    {
        var value = new Order(
            Guid.NewGuid(),
            new Customer { Name = "Zoë", Tags = ["a", "b"] },
            [new Line("widget", 2, 9.99m), new Line("gadget", 1, 0.1m)],
            Color.Green,
            new Order.Shipping("express", DateTimeOffset.Parse("2024-02-29T23:59:59.1234567+05:30", System.Globalization.CultureInfo.InvariantCulture)));
        var copy = RoundTrip(value);
        Assert.Equal(value with { Lines = copy.Lines, Customer = copy.Customer }, copy);
        Assert.Equal(value.Lines, copy.Lines);
        Assert.Equal(value.Customer.Name, copy.Customer.Name);
        Assert.Equal(value.Customer.Tags, copy.Customer.Tags);
        Assert.Equal(value.Shipment.When.Offset, copy.Shipment.When.Offset);
    }

    [Fact]
    public void Collections_round_trip_including_empty_ones()
    {
        Assert.Equal([1, 2, 3], RoundTrip(new List<int> { 1, 2, 3 }));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, [""] = 0 }, RoundTrip(new Dictionary<string, int> { ["a"] = 1, [""] = 0 }));
        Assert.Equal(new Dictionary<int, string?> { [-1] = null, [7] = "seven" }, RoundTrip(new Dictionary<int, string?> { [-1] = null, [7] = "seven" }));
        Assert.Equal(new Dictionary<Guid, Color> { [Guid.Empty] = Color.Red }, RoundTrip(new Dictionary<Guid, Color> { [Guid.Empty] = Color.Red }));
        Assert.Empty(RoundTrip(Array.Empty<string>()));
        Assert.Empty(RoundTrip(new List<Line>()));
        Assert.Empty(RoundTrip(new Dictionary<string, string>()));
        Assert.Equal(string.Empty, RoundTrip(string.Empty));
        Assert.Equal([[1], [], [2, 3]], RoundTrip(new int[][] { [1], [], [2, 3] }));
    }

    [Fact]
    public void Tuples_round_trip()
    {
        Assert.Equal((1, "two", 3.0), RoundTrip((1, "two", 3.0)));
        Assert.Equal((Name: "x", Values: new List<int> { 1 }).Name, RoundTrip((Name: "x", Values: new List<int> { 1 })).Name);
        Assert.Equal(Tuple.Create(1, "a"), RoundTrip(Tuple.Create(1, "a")));
        Assert.Equal((1, 2, 3, 4, 5, 6, 7, 8, 9), RoundTrip((1, 2, 3, 4, 5, 6, 7, 8, 9)));
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(0L)]
    public void Extreme_longs_round_trip(long value) => Assert.Equal(value, RoundTrip(value));

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    [InlineData(0.1 + 0.2)]
    [InlineData(-0.0)]
    public void Doubles_round_trip_exactly(double value) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(RoundTrip(value)));

    [Fact]
    public void Floats_decimals_and_other_primitives_round_trip()
    {
        Assert.Equal(float.NaN, RoundTrip(float.NaN));
        Assert.Equal(decimal.MaxValue, RoundTrip(decimal.MaxValue));
        Assert.Equal(decimal.MinValue, RoundTrip(decimal.MinValue));
        Assert.Equal(0.0000000000000000000000000001m, RoundTrip(0.0000000000000000000000000001m));
        Assert.Equal(1.10m.ToString(System.Globalization.CultureInfo.InvariantCulture), RoundTrip(1.10m).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ulong.MaxValue, RoundTrip(ulong.MaxValue));
        Assert.Equal(char.MaxValue, RoundTrip(char.MaxValue));
        Assert.Equal(TimeSpan.FromTicks(-123456789), RoundTrip(TimeSpan.FromTicks(-123456789)));
        Assert.Equal(new DateTime(2000, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(7), RoundTrip(new DateTime(2000, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(7)));
        Assert.Equal(DateTimeOffset.MaxValue, RoundTrip(DateTimeOffset.MaxValue));
        var id = Guid.NewGuid();
        Assert.Equal(id, RoundTrip(id));
    }

    [Fact]
    public void Nullable_values_round_trip()
    {
        Assert.Null(RoundTrip<int?>(null));
        Assert.Equal(5, RoundTrip<int?>(5));
        Assert.Null(RoundTrip<string?>(null));
        Assert.Null(RoundTrip<Line?>(null));
        Assert.Null(RoundTrip<byte[]?>(null));
        Assert.Equal(Color.Red, RoundTrip<Color?>(Color.Red));
    }

    [Theory]
    [InlineData("\u2028\u2029")]
    [InlineData("nul\0inside")]
    [InlineData("😀 surrogate pairs 𝄞")]
    [InlineData("<script>\"quotes\" & 'apostrophes' \\ back\\slash \t\r\n</script>")]
    [InlineData("\u0001\u001f\u007f\u0080\uffff")]
    public void Unicode_strings_round_trip_exactly(string value) => Assert.Equal(value, RoundTrip(value));

    [Fact]
    public void A_hundred_levels_of_nesting_round_trip()
    {
        var node = new Node(0, null);
        for (var i = 1; i <= 100; i++)
        {
            node = new Node(i, node);
        }

        var copy = RoundTrip(node);
        var depth = 0;
        for (var n = copy; n is not null; n = n.Child)
        {
            Assert.Equal(100 - depth++, n.Value);
        }

        Assert.Equal(101, depth);
        Assert.Equal(100, RoundTrip(Nest(100)).Count(c => c == '['));
    }

    [Fact]
    public void Ten_MiB_byte_arrays_round_trip()
    {
        var bytes = FrameCodecTests.RandomBytes(10 * 1024 * 1024);
        Assert.Equal(bytes, RoundTrip(bytes));
        Assert.Empty(RoundTrip(Array.Empty<byte>()));
    }

    [Fact]
    public void A_payload_that_does_not_decode_is_a_protocol_error()
    {
        Assert.Throws<ProtocolException>(() => PayloadSerializer.Deserialize<int>("\"not a number\""u8));
        Assert.Throws<ProtocolException>(() => PayloadSerializer.Deserialize<Line>("{\"Name\":"u8));
        Assert.Throws<ProtocolException>(() => PayloadSerializer.Deserialize<Line>([0xFF, 0xFE]));
    }

    private static T RoundTrip<T>(T value) => PayloadSerializer.Deserialize<T>(PayloadSerializer.Serialize(value));

    private static string Nest(int depth) => string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth));

    public sealed record Line(string Name, int Quantity, decimal Price);

    public sealed class Customer
    {
        public required string Name { get; init; }

        public List<string> Tags { get; init; } = [];
    }

    public sealed record Order(Guid Id, Customer Customer, Line[] Lines, Color Color, Order.Shipping Shipment)
    {
        public sealed record Shipping(string Method, DateTimeOffset When);
    }

    public sealed record Node(int Value, Node? Child);
}
