using System.Reflection;
using System.Reflection.Emit;
using Rmote.Integration.Tests.Support;
using Rmote.TestTools;

namespace Rmote.Integration.Tests.Rpc;

// Tool assemblies that cannot be synced or loaded, and dependencies the host cannot serve: a clear error for the call,
// never a hang, and the connection stays usable.
public abstract partial class CoreRpcBehaviours
{
    [Fact]
    public async Task A_method_or_tool_the_agent_does_not_have_is_a_clear_error_naming_it()
    {
        var connection = await SharedAsync();
        using var scratch = new ScratchToolAssembly(new ScratchType("Scratch.Ghost", "Vanish"), new ScratchType("Scratch.Phantom", "Appear"));
        scratch.ReplaceWith(new ScratchType("Scratch.Ghost", "Other"));   // the agent will get this build

        var method = await Assert.ThrowsAsync<MissingMethodException>(() => connection.CallAsync(scratch.Call("Scratch.Ghost", "Vanish")));
        Assert.Contains("Vanish", method.Message, StringComparison.Ordinal);
        Assert.Contains("Scratch.Ghost", method.Message, StringComparison.Ordinal);

        var tool = await Assert.ThrowsAsync<MissingMethodException>(() => connection.CallAsync(scratch.Call("Scratch.Phantom", "Appear")));
        Assert.Contains("Scratch.Phantom", tool.Message, StringComparison.Ordinal);

        Assert.Equal(5, await connection.CallAsync(() => Calc.Add(2, 3)));
    }

    [Fact]
    public async Task A_tool_assembly_the_agent_cannot_load_fails_every_racing_first_call_and_is_retried_later()
    {
        var connection = await FreshAsync();
        using var scratch = new ScratchToolAssembly(new ScratchType("Scratch.Broken", "Run"));
        scratch.ReplaceWithGarbage();

        var failures = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Assert.ThrowsAnyAsync<Exception>(() => connection.CallAsync(scratch.Call("Scratch.Broken", "Run")).Within(Bounds.Generous, "A call of an unloadable tool"))));

        Output.WriteLine(failures[0].ToString());
        Assert.All(failures, f => Assert.IsType<BadImageFormatException>(f));
        Assert.Equal(1, connection.SyncCount);   // one SYNC for all ten racing first calls

        // Not marked synced: the next call tries again (and the agent refuses again).
        await Assert.ThrowsAsync<BadImageFormatException>(() => connection.CallAsync(scratch.Call("Scratch.Broken", "Run")));
        Assert.Equal(2, connection.SyncCount);
        Assert.Equal(3, await connection.CallAsync(() => Calc.Add(1, 2)));
    }

    [Fact]
    public async Task A_tool_in_an_assembly_without_a_file_is_refused_clearly()
    {
        var connection = await SharedAsync();
        var inMemory = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Rmote.InMemory." + Guid.NewGuid().ToString("N")[..8]), AssemblyBuilderAccess.Run);
        var type = inMemory.DefineDynamicModule("m").DefineType("InMemory.Tool", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed);
        type.SetCustomAttribute(new CustomAttributeBuilder(typeof(ToolAttribute).GetConstructor(Type.EmptyTypes)!, []));
        var il = type.DefineMethod("Run", MethodAttributes.Public | MethodAttributes.Static, typeof(int), Type.EmptyTypes).GetILGenerator();
        il.Emit(OpCodes.Ldc_I4_1);
        il.Emit(OpCodes.Ret);
        var run = type.CreateType().GetMethod("Run")!;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            connection.CallAsync(System.Linq.Expressions.Expression.Lambda<Func<int>>(System.Linq.Expressions.Expression.Call(run))).Within(Bounds.Generous, "A call of an in-memory tool"));

        Assert.Contains("Rmote.InMemory", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, await connection.CallAsync(() => Calc.Add(1, 2)));
    }

    [Fact]
    public async Task A_dependency_the_host_cannot_read_fails_the_call_but_not_the_connection()
    {
        var connection = await SharedAsync();
        using var helper = new ScratchToolAssembly(new ScratchType("Scratch.Helper", "Value", IsTool: false));
        using var tool = helper.Another(new ScratchType("Scratch.UsesHelper", "Call", Calls: helper.Method("Scratch.Helper", "Value")));
        helper.DeleteFile();   // loaded on the host, but its image can no longer be read to send it

        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            connection.CallAsync(tool.Call("Scratch.UsesHelper", "Call")).Within(Bounds.Generous, "A call needing an unreadable dependency"));

        Output.WriteLine(failure.ToString());
        Assert.IsNotType<ConnectionLostException>(failure);
        Assert.Contains(helper.Name, failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, await connection.CallAsync(() => Calc.Add(1, 2)));
    }

    [Fact]
    public async Task A_dependency_is_sent_on_request_for_a_tool_written_at_run_time()
    {
        var connection = await SharedAsync();
        using var helper = new ScratchToolAssembly(new ScratchType("Scratch.Helper", "Value", IsTool: false));
        using var tool = helper.Another(new ScratchType("Scratch.UsesHelper", "Call", Calls: helper.Method("Scratch.Helper", "Value")));

        Assert.Equal(42, await connection.CallAsync(tool.Call("Scratch.UsesHelper", "Call")).Within(Bounds.Generous, "A call needing a dependency"));
    }
}
