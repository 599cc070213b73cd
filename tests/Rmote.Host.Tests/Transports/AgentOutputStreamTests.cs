using System.Text;
using Rmote.Transports;

namespace Rmote.Host.Tests.Transports;

public sealed class AgentOutputStreamTests
{
    [Fact]
    public async Task Lines_are_read_and_the_bytes_after_them_are_served_to_the_next_reader()
    {
        var stream = new AgentOutputStream(new MemoryStream("noise\r\nmarker line\nPROTOCOL READY\nRMOTE\u0001binary"u8.ToArray()));

        Assert.Equal("noise", await stream.ReadLineAsync(default));
        Assert.Equal("marker line", await stream.ReadLineAsync(default));
        var rest = new MemoryStream();
        await stream.CopyToAsync(rest);

        Assert.Equal("PROTOCOL READY\nRMOTE\u0001binary", Encoding.UTF8.GetString(rest.ToArray()));
    }

    [Fact]
    public async Task A_line_over_64_KiB_is_skipped_and_end_of_stream_is_null()
    {
        var text = new string('n', AgentOutputStream.MaxLineBytes + 10) + "\nshort\nunterminated";
        var stream = new AgentOutputStream(new MemoryStream(Encoding.ASCII.GetBytes(text)));

        Assert.Equal("short", await stream.ReadLineAsync(default));
        Assert.Null(await stream.ReadLineAsync(default));
    }
}
