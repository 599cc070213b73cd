using Rmote.Protocol.Framing;
using Rmote.Protocol.Tools;

namespace Rmote.Protocol.Tests;

public sealed class ToolMethodTests
{
    [Fact]
    public void The_key_names_assembly_type_method_and_parameter_types()
    {
        var method = ToolMethod.For(typeof(SampleTool).GetMethod(nameof(SampleTool.Sum), [typeof(List<int>), typeof(int)])!);
        Assert.Equal("Rmote.Protocol.Tests|Rmote.Protocol.Tests.SampleTool|Sum(System.Collections.Generic.List`1[System.Int32], System.Int32)", method.Key.Value);
        var parsed = ToolMethodKey.Parse(method.Key.Value);
        Assert.Equal(("Rmote.Protocol.Tests", "Rmote.Protocol.Tests.SampleTool", "Sum"), (parsed.AssemblyName, parsed.TypeName, parsed.MethodName));
    }

    [Fact]
    public void Overloads_have_distinct_keys()
    {
        var keys = typeof(SampleTool).GetMethods().Where(m => m.Name == nameof(SampleTool.Sum)).Select(m => ToolMethod.For(m).Key).ToList();
        Assert.Equal(2, keys.Distinct().Count());
    }

    [Fact]
    public void A_request_is_a_json_array_of_key_and_arguments_without_cancellation_tokens()
    {
        var method = ToolMethod.For(typeof(SampleTool).GetMethod(nameof(SampleTool.WaitAsync))!);
        var frame = method.CreateRequest(3, ["x", CancellationToken.None, 2]);
        Assert.Equal(FrameFlags.Request | FrameFlags.Rpc, frame.Flags);
        Assert.Equal($"[\"{method.Key.Value}\",\"x\",2]", System.Text.Encoding.UTF8.GetString(frame.Payload.Span));
        Assert.Equal(method.Key.Value, ToolMethod.ReadKey(frame.Payload.Span));

        using var cancellation = new CancellationTokenSource();
        var arguments = method.DecodeArguments(frame.Payload.Span, cancellation.Token);
        Assert.Equal(["x", cancellation.Token, 2], arguments);
    }

    [Fact]
    public void Omitted_trailing_arguments_take_their_defaults()
    {
        var method = ToolMethod.For(typeof(SampleTool).GetMethod(nameof(SampleTool.WaitAsync))!);
        Assert.Equal(["x", CancellationToken.None, 7], method.DecodeArguments(method.EncodeArguments(["x"]), CancellationToken.None));
        Assert.Throws<ProtocolException>(() => method.DecodeArguments(method.EncodeArguments([]), CancellationToken.None));
    }

    [Fact]
    public void Too_many_arguments_are_refused_on_both_sides()
    {
        var method = ToolMethod.For(typeof(SampleTool).GetMethod(nameof(SampleTool.Sum), [typeof(int), typeof(int)])!);
        Assert.Throws<ArgumentException>(() => method.EncodeArguments([1, 2, 3]));
        var forged = System.Text.Encoding.UTF8.GetBytes($"[\"{method.Key.Value}\",1,2,3]");
        Assert.Throws<ProtocolException>(() => method.DecodeArguments(forged, CancellationToken.None));
        Assert.Throws<ProtocolException>(() => method.DecodeArguments("[\"k\",\"not an int\",2]"u8, CancellationToken.None));
    }

    [Fact]
    public void Results_travel_as_json_of_the_declared_type_and_byte_arrays_raw()
    {
        var sum = ToolMethod.For(typeof(SampleTool).GetMethod(nameof(SampleTool.Sum), [typeof(int), typeof(int)])!);
        Assert.Equal(ToolReturnKind.Value, sum.ReturnKind);
        Assert.Equal(5, sum.DecodeResult(sum.CreateResult(1, 5)));

        var bytes = ToolMethod.For(typeof(SampleTool).GetMethod(nameof(SampleTool.BytesAsync))!);
        Assert.Equal((ToolReturnKind.TaskOfT, typeof(byte[])), (bytes.ReturnKind, bytes.ResultType));
        var frame = bytes.CreateResult(2, new byte[] { 1, 2, 3 });
        Assert.True(frame.Has(FrameFlags.Binary));
        Assert.Equal(new byte[] { 1, 2, 3 }, frame.Payload.ToArray());
        Assert.Equal(new byte[] { 1, 2, 3 }, bytes.DecodeResult(frame));
        Assert.Null(bytes.DecodeResult(bytes.CreateResult(2, null)));

        var wait = ToolMethod.For(typeof(SampleTool).GetMethod(nameof(SampleTool.WaitAsync))!);
        Assert.Equal((ToolReturnKind.Task, null), (wait.ReturnKind, wait.ResultType));
        Assert.True(wait.CreateResult(1, null).Payload.IsEmpty);
    }

    [Fact]
    public void Methods_that_cannot_be_called_remotely_are_refused_with_a_reason()
    {
        Assert.Contains("not a tool", Assert.Throws<ArgumentException>(() => ToolMethod.For(typeof(Math).GetMethod(nameof(Math.Abs), [typeof(int)])!)).Message, StringComparison.Ordinal);
        Assert.Contains("generic", Assert.Throws<ArgumentException>(() => ToolMethod.For(typeof(SampleTool).GetMethod(nameof(SampleTool.Generic))!.MakeGenericMethod(typeof(int)))).Message, StringComparison.Ordinal);
        Assert.Contains("by reference", Assert.Throws<ArgumentException>(() => ToolMethod.For(typeof(SampleTool).GetMethod(nameof(SampleTool.ByRef))!)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolContext_outside_a_call_is_harmless()
    {
        Assert.False(ToolContext.CancellationToken.CanBeCanceled);
        ToolContext.CreateLogger("x").LogSomething();
    }
}

[Tool]
public static class SampleTool
{
    public static int Sum(List<int> values, int start) => values.Sum() + start;

    public static int Sum(int a, int b) => a + b;

    public static Task WaitAsync(string name, CancellationToken cancellationToken, int times = 7) => Task.Delay(times, cancellationToken);

    public static Task<byte[]?> BytesAsync() => Task.FromResult<byte[]?>([]);

    public static T Generic<T>(T value) => value;

    public static void ByRef(ref int value) => value++;
}

internal static class LoggerExtensions
{
    public static void LogSomething(this Microsoft.Extensions.Logging.ILogger logger) =>
        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "nothing happens");
}
