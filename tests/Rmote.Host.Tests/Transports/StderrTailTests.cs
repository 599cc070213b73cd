using System.Text;
using Rmote.Transports;

namespace Rmote.Host.Tests.Transports;

public sealed class StderrTailTests
{
    [Fact]
    public void Keeps_everything_while_small()
    {
        var tail = new StderrTail();
        tail.Append("Permission denied "u8);
        tail.Append("(publickey).\n"u8);
        Assert.Equal("Permission denied (publickey).", tail.Text);
    }

    [Fact]
    public void Keeps_only_the_last_64_KiB_of_a_flood()
    {
        var tail = new StderrTail();
        for (var i = 0; i < 10_000; i++) tail.Append(Encoding.ASCII.GetBytes($"line {i:D5}\n"));
        tail.Append(new byte[100_000].AsSpan().ToArray().Select(_ => (byte)'x').ToArray());
        tail.Append("the end"u8);

        var text = tail.Text;
        Assert.Equal(StderrTail.Capacity, Encoding.ASCII.GetByteCount(text));
        Assert.EndsWith("xxxthe end", text);
        Assert.DoesNotContain("line", text);
    }
}
