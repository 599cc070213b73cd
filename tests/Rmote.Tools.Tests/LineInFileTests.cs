using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

public sealed class LineInFileTests(LocalAgent agent) : IClassFixture<LocalAgent>, IDisposable
{
    private readonly TempDirectory temp = new();

    private RmoteConnection Connection => agent.Connection;

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_missing_line_is_appended_with_a_unified_diff_and_the_second_call_touches_nothing()
    {
        var path = temp.Write("sshd_config", "Port 22\nUsePAM yes\n");

        var diff = await Connection.CallAsync(() => FileSystem.LineInFile(path, "PermitRootLogin no"));
        var before = FileIdentity.Of(path);
        var again = await Connection.CallAsync(() => FileSystem.LineInFile(path, "PermitRootLogin no"));

        Assert.Equal($"--- {path}\n+++ {path}\n@@ -1,2 +1,3 @@\n Port 22\n UsePAM yes\n+PermitRootLogin no\n", diff);
        Assert.Equal("", again);
        Assert.Equal(before, FileIdentity.Of(path));
        Assert.Equal("Port 22\nUsePAM yes\nPermitRootLogin no\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task A_regexp_replaces_the_first_or_every_matching_line()
    {
        var first = temp.Write("first", "#Port 22\nPort 2222\nx\n");
        var all = temp.Write("all", "#Port 22\nPort 2222\nx\n");

        var diff = await Connection.CallAsync(() => FileSystem.LineInFile(first, "Port 22", "^#?Port ", true, false, LineMatch.First));
        await Connection.CallAsync(() => FileSystem.LineInFile(all, "Port 22", "^#?Port ", true, false, LineMatch.All));

        Assert.Equal("Port 22\nPort 2222\nx\n", await File.ReadAllTextAsync(first));
        Assert.Equal("Port 22\nPort 22\nx\n", await File.ReadAllTextAsync(all));
        Assert.Equal($"--- {first}\n+++ {first}\n@@ -1,3 +1,3 @@\n-#Port 22\n+Port 22\n Port 2222\n x\n", diff);
        Assert.Equal("", await Connection.CallAsync(() => FileSystem.LineInFile(all, "Port 22", "^#?Port ", true, false, LineMatch.All)));
    }

    [Fact]
    public async Task Strip_decides_whether_surrounding_whitespace_counts_as_present()
    {
        var path = temp.Write("f", "  key = value  \n");

        Assert.Equal("", await Connection.CallAsync(() => FileSystem.LineInFile(path, "key = value")));
        Assert.NotEqual("", await Connection.CallAsync(() => FileSystem.LineInFile(path, "key = value", null, false)));
        Assert.Equal("  key = value  \nkey = value\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task A_file_without_a_final_line_break_keeps_it_that_way()
    {
        var path = temp.Write("f", "a\nb");

        var diff = await Connection.CallAsync(() => FileSystem.LineInFile(path, "c"));

        Assert.Equal("a\nb\nc", await File.ReadAllTextAsync(path));
        Assert.Equal($"--- {path}\n+++ {path}\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n\\ No newline at end of file\n", diff);
    }

    [Fact]
    public async Task Create_makes_a_new_file_ending_with_a_line_break_otherwise_a_missing_file_is_an_error()
    {
        var path = temp["new.conf"];

        await Assert.ThrowsAsync<FileNotFoundException>(() => Connection.CallAsync(() => FileSystem.LineInFile(path, "x")));
        var diff = await Connection.CallAsync(() => FileSystem.LineInFile(path, "x", null, true, true));

        Assert.Equal("x\n", await File.ReadAllTextAsync(path));
        Assert.Equal($"--- {path}\n+++ {path}\n@@ -0,0 +1 @@\n+x\n", diff);
    }

    [Fact]
    public async Task Bad_input_is_refused_before_anything_is_written()
    {
        var path = temp.Write("f", "a\n");
        var before = FileIdentity.Of(path);

        await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => FileSystem.LineInFile(path, "two\nlines")));
        var regex = await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => FileSystem.LineInFile(path, "x", "([unclosed")));

        Assert.Contains("([unclosed", regex.Message);
        Assert.Equal(before, FileIdentity.Of(path));
    }

    [Fact]
    public async Task A_file_that_is_not_UTF8_is_refused_with_the_bad_bytes_position_and_left_byte_for_byte()
    {
        // "café = 1" in Latin-1 on line 2: E9 is not UTF-8.
        byte[] latin1 = [.. "port = 22\n"u8, .. "caf"u8, 0xE9, .. " = 1\n"u8];
        var path = temp["latin1.conf"];
        await File.WriteAllBytesAsync(path, latin1);
        var before = FileIdentity.Of(path);

        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => Connection.CallAsync(() => FileSystem.LineInFile(path, "PermitRootLogin no")));
        var replacing = await Assert.ThrowsAsync<InvalidDataException>(() => Connection.CallAsync(() => FileSystem.LineInFile(path, "port = 2222", "^port ")));

        Assert.Equal(
            $"'{path}' is not valid UTF-8 (byte 0xE9 at line 2, column 4): refusing to edit it, so that no other line is changed. "
            + "The file was left as it is; convert it to UTF-8 first.", failure.Message);
        Assert.Equal(failure.Message, replacing.Message);
        Assert.Equal(latin1, await File.ReadAllBytesAsync(path));
        Assert.Equal(before, FileIdentity.Of(path));
    }

    [Fact]
    public async Task Lines_that_are_not_edited_keep_every_byte_byte_order_mark_and_CRLF_included()
    {
        var path = temp["bom.conf"];
        byte[] original = [0xEF, 0xBB, 0xBF, .. "# Grüße\r\n"u8, .. "#port = 22\r\n"u8, .. "name = 名前\r\n"u8];
        await File.WriteAllBytesAsync(path, original);

        await Connection.CallAsync(() => FileSystem.LineInFile(path, "port = 2222", "^#?port ", true, false, LineMatch.First));
        await Connection.CallAsync(() => FileSystem.LineInFile(path, "listen = ::", null, true, false, LineMatch.First));

        byte[] expected = [0xEF, 0xBB, 0xBF, .. "# Grüße\r\n"u8, .. "port = 2222\n"u8, .. "name = 名前\r\n"u8, .. "listen = ::\n"u8];
        Assert.Equal(expected, await File.ReadAllBytesAsync(path));
    }
}
