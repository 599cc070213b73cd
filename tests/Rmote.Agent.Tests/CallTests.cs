using Rmote.Agent.Tests.Client;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Tools;
using Rmote.TestTools;

namespace Rmote.Agent.Tests;

public sealed class CallTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private AgentProcess Agent => fixture.Agent;

    [Fact]
    public async Task A_call_returns_its_typed_result()
    {
        Assert.Equal(5, await Agent.CallAsync(() => Calc.Add(2, 3)));
        Assert.Equal("héllo \u2028 \0 😀", await Agent.CallAsync(() => Calc.Echo("héllo \u2028 \0 😀")));
    }

    [Fact]
    public async Task Tools_run_in_their_own_collectible_load_context()
    {
        Assert.Equal("rmote-tools", await Agent.CallAsync(() => Calc.Where()));
    }

    [Fact]
    public async Task Every_return_shape_is_awaited_and_delivered()
    {
        var before = await Agent.CallAsync(() => Returns.GetVoidCalls());
        await Agent.CallAsync(() => Returns.Void());
        Assert.Equal(before + 1, await Agent.CallAsync(() => Returns.GetVoidCalls()));
        Assert.Equal(1, await Agent.CallAsync(() => Returns.Value()));
        Assert.Null(await Agent.CallAsync(ToolMethod.For(typeof(Returns).GetMethod(nameof(Returns.Task))!)));
        Assert.Equal("task", await Agent.CallAsync(() => Returns.TaskOfT()));
        Assert.Null(await Agent.CallAsync(ToolMethod.For(typeof(Returns).GetMethod(nameof(Returns.ValueTask))!)));
        Assert.Equal(long.MaxValue, await Agent.CallAsync(ToolMethod.For(typeof(Returns).GetMethod(nameof(Returns.ValueTaskOfT))!)));
        Assert.Equal(new Point(3, -4), await Agent.CallAsync(() => Returns.Record(3, -4)));
    }

    [Fact]
    public async Task Overloads_are_resolved_exactly_by_parameter_types()
    {
        Assert.Equal("int 1", await Agent.CallAsync(() => Overloads.Describe(1)));
        Assert.Equal("long 1", await Agent.CallAsync(() => Overloads.Describe(1L)));
        Assert.Equal("string 1", await Agent.CallAsync(() => Overloads.Describe("1")));
        Assert.Equal("int,int 1,2", await Agent.CallAsync(() => Overloads.Describe(1, 2)));
        Assert.Equal("list 1,2,3", await Agent.CallAsync(() => Overloads.Describe(new List<int> { 1, 2, 3 })));
    }

    [Fact]
    public async Task Omitted_arguments_take_their_default_values_and_a_token_parameter_gets_the_calls_token()
    {
        var greet = ToolMethod.For(typeof(Overloads).GetMethod(nameof(Overloads.Greet))!);
        Assert.Equal("Hello Ann on Friday (cancellable)", await Agent.CallAsync(greet, "Ann"));
        Assert.Equal("Hi Hi Bob on Friday (cancellable)", await Agent.CallAsync(greet, "Bob", "Hi", 2));
        Assert.Equal("Yo Cy on Monday (cancellable)", await Agent.CallAsync(() => Overloads.Greet("Cy", "Yo", 1, DayOfWeek.Monday, CancellationToken.None)));
        Assert.True(await Agent.CallAsync(() => Returns.ContextTokenMatches(CancellationToken.None)));
    }

    [Fact]
    public async Task Omitting_an_argument_without_default_is_a_clear_error()
    {
        var add = ToolMethod.For(typeof(Calc).GetMethod(nameof(Calc.Add))!);
        var failure = await Assert.ThrowsAsync<ProtocolException>(() => Agent.CallAsync(add, 1));
        Assert.Contains("'b'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Static_state_of_a_tool_persists_between_calls()
    {
        var first = await Agent.CallAsync(() => Counter.Increment());
        Assert.Equal(first + 1, await Agent.CallAsync(() => Counter.Increment()));
    }

    [Fact]
    public async Task Same_named_tools_in_different_namespaces_do_not_collide()
    {
        Assert.StartsWith("alpha", await Agent.CallAsync(() => TestTools.Alpha.Same.Name()), StringComparison.Ordinal);
        Assert.StartsWith("beta", await Agent.CallAsync(() => TestTools.Beta.Same.Name()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_inheriting_from_a_non_tool_base_works()
    {
        Assert.Equal(42, await Agent.CallAsync(() => Derived.UsesHelper()));
        var inherited = ToolMethod.For(typeof(Derived), typeof(HelperBase).GetMethod(nameof(HelperBase.Helper))!);
        Assert.Equal(41, await Agent.CallAsync(inherited));
    }

    [Fact]
    public async Task A_missing_dependency_is_requested_from_the_host_once()
    {
        Assert.Equal("Hello from the dependency, Ann!", await Agent.CallAsync(() => Dependent.Greet("Ann")));
        Assert.Equal("Hello from the dependency, Bob!", await Agent.CallAsync(() => Dependent.Greet("Bob")));
        Assert.Equal(["Rmote.TestTools.Dependency"], Agent.DependencyRequests.Where(n => n.StartsWith("Rmote.TestTools", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_large_byte_array_result_travels_raw()
    {
        var expected = new byte[10 * 1024 * 1024];
        new Random(7).NextBytes(expected);
        var method = ToolMethod.For(typeof(Calc).GetMethod(nameof(Calc.Bytes))!);
        var response = await Agent.RequestAsync(method, [expected.Length, 7]);
        Assert.True(response.Has(FrameFlags.Binary));
        Assert.Equal(expected, (byte[])method.DecodeResult(response)!);
        Assert.Null(await Agent.CallAsync(() => Calc.NullBytes()));
        Assert.Empty(await Agent.CallAsync(() => Calc.Bytes(0, 1)));
    }

    [Fact]
    public async Task Ping_is_answered_with_pong()
    {
        var pong = await Agent.SendAsync(Protocol.Messages.ProtocolMessages.Ping);
        Assert.Equal(FrameFlags.Response | FrameFlags.Pong, pong.Flags);
    }

    [Fact]
    public async Task Cancel_cancels_the_calls_token()
    {
        var method = ToolMethod.For(typeof(Returns).GetMethod(nameof(Returns.WaitForCancellationAsync))!);
        await Agent.EnsureSyncedAsync(method.ToolType.Assembly);
        ulong id = 0;
        var response = Agent.SendAsync(requestId =>
        {
            Volatile.Write(ref id, requestId);
            return method.CreateRequest(requestId, [CancellationToken.None]);
        });
        // A CANCEL that overtakes the start of the call finds nothing to cancel, so repeat it until the reply comes.
        while (!response.IsCompleted)
        {
            await Agent.WriteAsync(Protocol.Messages.ProtocolMessages.Cancel(Volatile.Read(ref id)));
            await Task.WhenAny(response, Task.Delay(50));
        }

        var failure = Assert.ThrowsAny<OperationCanceledException>(() => method.DecodeResult(response.Result));
        Assert.IsType<TaskCanceledException>(failure);
    }
}
