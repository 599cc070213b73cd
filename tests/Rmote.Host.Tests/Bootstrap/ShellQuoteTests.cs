using System.Diagnostics;
using Rmote.Bootstrap;

namespace Rmote.Host.Tests.Bootstrap;

public sealed class ShellQuoteTests
{
    public static TheoryData<string> NastyWords => new()
    {
        "", "plain", "two words", "it's", "''", "'", "a'b'c", "\"double\"", "$HOME", "${HOME}", "$(touch /tmp/rmote-pwned)",
        "`touch /tmp/rmote-pwned`", "; rm -rf /", "a|b&c<d>e", "*", "?", "[a]", "~", "~root", "-oProxyCommand=x", "--",
        "FOO=bar", "line\nbreak", "tab\there", "cr\rlf", "back\\slash\\", "!bang", "#comment", "ünïcödé 漢字 🎉", "\u2028",
        "trailing newline\n", "\\'", "%s %d", "{a,b}",
    };

    [Theory]
    [MemberData(nameof(NastyWords))]
    public async Task Sh_reads_a_quoted_word_back_unchanged(string word)
    {
        var startInfo = new ProcessStartInfo("sh") { RedirectStandardOutput = true };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("printf '%s' " + ShellQuote.Quote(word));
        using var sh = Process.Start(startInfo)!;
        var output = await sh.StandardOutput.ReadToEndAsync();
        await sh.WaitForExitAsync();

        Assert.Equal(0, sh.ExitCode);
        Assert.Equal(word, output);
    }

    [Fact]
    public void Join_quotes_each_word()
    {
        Assert.Equal("sudo -n -u 'the user' sh", ShellQuote.Join(["sudo", "-n", "-u", "the user", "sh"]));
        Assert.Equal("'FOO=bar' ''", ShellQuote.Join(["FOO=bar", ""]));
    }

    [Fact]
    public void A_NUL_character_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => ShellQuote.Quote("a\0b"));
    }
}
