using System.Reflection;
using Rmote.Actors.Connection;
using Rmote.Actors.Tests.Support;
using Rmote.TestTools;

namespace Rmote.Actors.Tests;

/// <summary>A <see cref="ToolCall"/> is plain data: it survives a serializer and runs where it lands.</summary>
public sealed class ToolCallTests : ConnectionTestKit
{
    [Fact]
    public void A_call_holds_only_strings_and_bytes_no_expression_delegate_or_reflection_object()
    {
        var fields = typeof(ToolCall).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.NotEmpty(fields);
        Assert.All(fields, f => Assert.True(f.FieldType == typeof(string) || f.FieldType == typeof(byte[]), $"{f.Name} is a {f.FieldType}"));
    }

    [Fact]
    public void A_call_serialized_by_Akka_and_read_back_runs_with_its_arguments()
    {
        var call = ToolCall.Create(() => Calc.Echo("über \"quoted\" \n text"));
        var serializer = Sys.Serialization.FindSerializerFor(call);
        var copy = (ToolCall)serializer.FromBinary(serializer.ToBinary(call), typeof(ToolCall));
        Assert.Equal(("Rmote.TestTools.Calc", "Echo", call.Key), (copy.Tool, copy.Method, copy.Key));

        var connection = Sys.ActorOf(ConnectionActor.Props(Local(), Settings()));
        Send(connection, new Invoke(copy, 1));
        Assert.Equal("über \"quoted\" \n text", ExpectMsg<InvokeResult>(Agent).Value);
    }

    [Fact]
    public void A_call_whose_arguments_name_another_method_is_refused()
    {
        var add = ToolCall.Create(() => Calc.Add(1, 2));
        var echo = ToolCall.Create(() => Calc.Echo("x"));
        var connection = Sys.ActorOf(ConnectionActor.Props(Local(), Settings()));

        Send(connection, new Invoke(new ToolCall(add.Key, echo.Arguments), 2));

        var failure = ExpectMsg<Status.Failure>(Agent);
        Assert.Contains("another method", Assert.IsType<ArgumentException>(failure.Cause).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_refuses_what_is_not_a_tool_call()
    {
        Assert.Throws<ArgumentException>(() => ToolCall.Create(() => NotATool.Secret()));
        Assert.Throws<ArgumentException>(() => ToolCall.Create(() => Environment.ProcessorCount));
        Assert.Throws<ArgumentException>(() => new ToolCall("not a key", []));
    }
}
