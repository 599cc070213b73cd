using System.Text;
using Rmote.Tools.Common;

namespace Rmote.Tools.Tests;

/// <summary>In-process tests of the line cutter behind the streaming tools, with a small bound so the edges are reachable.</summary>
public sealed class LineSplitterTests
{
    [Fact]
    public void Lines_split_across_blocks_are_joined_and_CRLF_reads_as_LF()
    {
        var splitter = new LineSplitter();
        Assert.Equal(["one"], Take(splitter, "one\r\ntw"));
        Assert.True(splitter.HasPartialLine);
        Assert.Equal(["two", "", "three"], Take(splitter, "o\n\nthree\n"));
        Assert.False(splitter.TryFlush(out _));
    }

    [Fact]
    public void A_line_of_exactly_the_bound_is_one_line_and_a_longer_one_is_cut_between_characters()
    {
        var splitter = new LineSplitter(maxLineBytes: 8);
        Assert.Equal(["12345678"], Take(splitter, "12345678\n"));

        // "aaaaaa€" is 9 bytes: the piece stops before the euro sign rather than cut its 3 bytes in two.
        Assert.Equal(["aaaaaa", "€b"], Take(splitter, "aaaaaa€b\n"));
        Assert.Equal(["😀😀", "😀"], Take(splitter, "😀😀😀\n"));
        Assert.Equal(["xxxxxxxx", "xxxxxxxx"], Take(splitter, new string('x', 19)));
        Assert.True(splitter.TryFlush(out var rest));
        Assert.Equal("xxx", rest);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_become_replacement_characters()
    {
        var splitter = new LineSplitter();
        splitter.Feed(new byte[] { 0x61, 0xFF, 0xE2, 0x82, (byte)'\n', 0xC3 });
        Assert.True(splitter.TryTake(out var line));
        Assert.Equal("a\uFFFD\uFFFD", line);
        Assert.False(splitter.TryTake(out _));
        Assert.True(splitter.TryFlush(out var partial));
        Assert.Equal("\uFFFD", partial);
    }

    private static List<string> Take(LineSplitter splitter, string text)
    {
        splitter.Feed(Encoding.UTF8.GetBytes(text));
        var lines = new List<string>();
        while (splitter.TryTake(out var line)) lines.Add(line);
        return lines;
    }
}
