using Rmote.Demo;
using Rmote.Integration.Tests.Support;
using Rmote.TestTools;

namespace Rmote.Integration.Tests.Rpc;

// Lazy tool sync: one SYNC per assembly per connection, however many first calls race; dependencies on demand.
public abstract partial class CoreRpcBehaviours
{
    [Fact]
    public async Task Racing_first_calls_send_each_tool_assembly_exactly_once_per_connection()
    {
        var connection = await FreshAsync();
        Assert.Equal(0, connection.SyncCount);

        // 100 first calls of one assembly (Rmote.TestTools), plus 20 of another (Rmote.Host's demo tool), all racing.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sums = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await connection.CallAsync(() => Calc.Add(i, 1000));
        })).ToArray();
        var hosts = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await connection.CallAsync(() => SystemInfo.Hostname());
        })).ToArray();
        start.SetResult();

        Assert.Equal(Enumerable.Range(1000, 100), await Task.WhenAll(sums).Within(Bounds.Generous, "100 racing first calls"));
        Assert.Single((await Task.WhenAll(hosts)).Distinct());
        Assert.Equal(2, connection.SyncCount);

        // Later calls send no SYNC.
        await connection.CallAsync(() => Returns.Value());
        await connection.CallAsync(() => SystemInfo.Facts());
        Assert.Equal(2, connection.SyncCount);

        // A new connection is a new agent: it syncs again.
        var next = await FreshAsync();
        Assert.Equal(0, next.SyncCount);
        Assert.Equal(3, await next.CallAsync(() => Calc.Add(1, 2)));
        Assert.Equal(1, next.SyncCount);
    }

    [Fact]
    public async Task A_tool_needing_another_assembly_gets_it_from_the_host()
    {
        var connection = await SharedAsync();

        Assert.Equal("Hello from the dependency, Ann!", await connection.CallAsync(() => Dependent.Greet("Ann")));
        Assert.Equal("Hello from the dependency, Bob!", await connection.CallAsync(() => Dependent.Greet("Bob")));
    }
}
