using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

public sealed class SudoerValidationTests
{
    [Fact]
    public async Task A_rule_visudo_rejects_is_never_installed()
    {
        using var fakes = new FakePrograms();
        fakes.Add("visudo", """echo "$4:1:5: syntax error" >&2; exit 1""");
        using var temp = new TempDirectory();
        var directory = temp["sudoers.d"];
        await using var connection = await RmoteConnection.StartLocalAsync();
        await fakes.InstallAsync(connection);

        var error = await Assert.ThrowsAsync<RemoteProcessException>(() => connection.CallAsync(() => User.Sudoer("deploy", true, false, directory)));

        Assert.Contains("syntax error", error.Message);
        var checkedFile = Assert.Single(fakes.Calls).Split(' ')[^1];
        Assert.StartsWith(Path.Join(directory, ".deploy."), checkedFile, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(directory));
    }
}
