using Rmote.Demo;
using Rmote.TestTools;

namespace Rmote.Integration.Tests.Rpc;

// The four CallAsync shapes, return kinds, overloads, defaults, tool identity and tool state.
public abstract partial class CoreRpcBehaviours
{
    [Fact]
    public async Task The_four_call_shapes_deliver_results_and_completion()
    {
        var connection = await SharedAsync();

        Assert.Equal(5, await connection.CallAsync(() => Calc.Add(2, 3)));                 // T
        Assert.Equal("task", await connection.CallAsync(() => Returns.TaskOfT()));          // Task<T>
        var before = await connection.CallAsync(() => Returns.GetVoidCalls());
        await connection.CallAsync(() => Returns.Void());                                   // void
        Assert.Equal(before + 1, await connection.CallAsync(() => Returns.GetVoidCalls()));
        await connection.CallAsync(() => Returns.Task());                                   // Task
        Assert.Equal(new Point(3, -4), await connection.CallAsync(() => Returns.Record(3, -4)));
    }

    [Fact]
    public async Task ValueTask_returning_tools_are_awaited_on_the_agent()
    {
        var connection = await SharedAsync();

        // The typed overloads take Func<T> and Func<Task<T>>: a ValueTask<T> tool binds to Func<T> with T = ValueTask<T>.
        var text = await connection.CallAsync(() => HostScenarios.ValueTaskOfT("hi"));
        Assert.Equal("hi!", await text);
        Assert.Equal(long.MaxValue, await await connection.CallAsync(() => Returns.ValueTaskOfT()));
        await await connection.CallAsync(() => HostScenarios.ValueTaskVoid());
    }

    [Fact]
    public async Task Omitted_arguments_take_the_parameters_default_values()
    {
        var connection = await SharedAsync();

        Assert.Equal("ax3?", await connection.CallAsync(() => HostScenarios.Defaults("a")));
        Assert.Equal("bx5?", await connection.CallAsync(() => HostScenarios.Defaults("b", 5)));
        Assert.Equal("Hello Ann on Friday (cancellable)", await connection.CallAsync(() => Overloads.Greet("Ann")));
        Assert.Equal("Hi Hi Bob on Monday (cancellable)",
            await connection.CallAsync(() => Overloads.Greet("Bob", "Hi", 2, DayOfWeek.Monday, default)));
    }

    [Fact]
    public async Task Overloads_are_resolved_exactly_as_the_compiler_bound_them()
    {
        var connection = await SharedAsync();
        var five = 5;

        Assert.Equal("int 1", await connection.CallAsync(() => Overloads.Describe(1)));
        Assert.Equal("long 1", await connection.CallAsync(() => Overloads.Describe(1L)));
        Assert.Equal("long 5", await connection.CallAsync(() => Overloads.Describe((long)five)));
        Assert.Equal("string 1", await connection.CallAsync(() => Overloads.Describe("1")));
        Assert.Equal("int,int 1,2", await connection.CallAsync(() => Overloads.Describe(1, 2)));
        Assert.Equal("list 1,2,3", await connection.CallAsync(() => Overloads.Describe(new List<int> { 1, 2, 3 })));
    }

    [Fact]
    public async Task A_tool_inheriting_from_a_non_tool_class_is_called_through_the_tool()
    {
        var connection = await SharedAsync();

        Assert.Equal("LOUD", await connection.CallAsync(() => InheritingTool.Shout("loud")));
        Assert.Equal(41, await connection.CallAsync(() => Derived.Helper()));
        Assert.Equal(42, await connection.CallAsync(() => Derived.UsesHelper()));
    }

    [Fact]
    public async Task Same_named_tools_in_different_namespaces_stay_apart()
    {
        var connection = await SharedAsync();

        var alpha = await connection.CallAsync(() => TestTools.Alpha.Same.Name());
        var beta = await connection.CallAsync(() => TestTools.Beta.Same.Name());
        var alphaAgain = await connection.CallAsync(() => TestTools.Alpha.Same.Name());

        Assert.StartsWith("alpha ", alpha, StringComparison.Ordinal);
        Assert.StartsWith("beta ", beta, StringComparison.Ordinal);
        // Each keeps its own static counter.
        Assert.Equal($"alpha {int.Parse(alpha[6..]) + 1}", alphaAgain);
    }

    [Fact]
    public async Task Static_state_persists_on_a_connection_and_starts_over_on_a_new_agent()
    {
        var first = await FreshAsync();
        Assert.Equal(1, await first.CallAsync(() => HostScenarios.Tally()));
        Assert.Equal(2, await first.CallAsync(() => HostScenarios.Tally()));
        Assert.Equal(3, await first.CallAsync(() => HostScenarios.Tally()));

        var second = await FreshAsync();
        Assert.Equal(1, await second.CallAsync(() => HostScenarios.Tally()));
        Assert.NotEqual(await first.CallAsync(() => HostScenarios.ProcessId()), await second.CallAsync(() => HostScenarios.ProcessId()));
        Assert.Equal(4, await first.CallAsync(() => HostScenarios.Tally()));
    }

    [Fact]
    public async Task Tools_of_the_host_application_itself_can_be_called()
    {
        var connection = await SharedAsync();

        var facts = await connection.CallAsync(() => SystemInfo.Facts());

        Assert.Equal(await connection.CallAsync(() => HostScenarios.ProcessId()), facts.ProcessId);
        Assert.NotEqual(Environment.ProcessId, facts.ProcessId);
    }
}
