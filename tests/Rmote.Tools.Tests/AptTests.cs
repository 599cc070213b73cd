using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

/// <summary>
/// The real apt, as root: one install and one removal of a tiny package with no dependencies beyond libc/ncurses.
/// </summary>
public sealed class AptTests
{
    private const string Package = "sl";

    [Fact]
    public async Task A_real_package_is_installed_and_removed_once_and_repeated_calls_touch_nothing()
    {
        await using var connection = await RmoteConnection.StartLocalAsync();
        try
        {
            // A fresh machine may have no package lists yet: the version to pin is known only after an update.
            await connection.CallAsync(() => Apt.Update(TimeSpan.FromHours(6)));
            var candidate = FileIdentity.Run("apt-cache", "policy", Package).Split('\n')
                .Single(line => line.TrimStart().StartsWith("Candidate:", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
            await connection.CallAsync(() => Apt.Package(Package, PackageState.Absent));

            #region snippet:tools-apt
            await connection.CallAsync(() => Apt.Update(TimeSpan.FromHours(6)));   // apt-get update, unless one succeeded in the last 6 h
            var pinned = $"sl={candidate}";

            PackageResult installed = await connection.CallAsync(() => Apt.Package(pinned, PackageState.Present));
            PackageResult latest = await connection.CallAsync(() => Apt.Package("sl", PackageState.Latest));

            Assert.Equal(new PackageResult("sl", candidate, Changed: true), installed);
            Assert.Equal(new PackageResult("sl", candidate, Changed: false), latest);
            #endregion

            Assert.False(await connection.CallAsync(() => Apt.Update(TimeSpan.FromHours(6))));
            Assert.True(File.Exists("/usr/games/sl"));
            var status = FileIdentity.Of("/var/lib/dpkg/status");
            var present = await connection.CallAsync(() => Apt.Package(Package, PackageState.Present));
            var stillPinned = await connection.CallAsync(() => Apt.Package(pinned, PackageState.Present));
            var unknownVersion = $"{Package}=0.0-rmote-none";
            await Assert.ThrowsAsync<RemoteProcessException>(() => connection.CallAsync(() => Apt.Package(unknownVersion, PackageState.Present)));

            Assert.Equal(new PackageResult(Package, candidate, false), present);
            Assert.Equal(new PackageResult(Package, candidate, false), stillPinned);
            Assert.Equal(status, FileIdentity.Of("/var/lib/dpkg/status"));

            #region snippet:tools-apt-converge
            PackageResult[] removed = await connection.CallAsync(() => Apt.Converge(new PackageSpec("sl", PackageState.Absent), "coreutils"));
            PackageResult[] again = await connection.CallAsync(() => Apt.Converge(new PackageSpec("sl", PackageState.Absent), "coreutils"));

            Assert.Equal((true, ""), (removed[0].Changed, removed[0].Version));
            Assert.False(removed[1].Changed);   // coreutils: present already
            Assert.All(again, result => Assert.False(result.Changed));
            #endregion
            Assert.False(File.Exists("/usr/games/sl"));
        }
        finally
        {
            FileIdentity.Run("sh", "-c", $"dpkg -s {Package} >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get -y -q remove --purge {Package} >/dev/null || true");
        }
    }
}
