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
            await connection.CallAsync(() => Apt.Update(TimeSpan.FromHours(6)));
            Assert.False(await connection.CallAsync(() => Apt.Update(TimeSpan.FromHours(6))));
            var candidate = FileIdentity.Run("apt-cache", "policy", Package).Split('\n')
                .Single(line => line.TrimStart().StartsWith("Candidate:", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
            await connection.CallAsync(() => Apt.Package(Package, PackageState.Absent));
            var pinned = $"{Package}={candidate}";

            var installed = await connection.CallAsync(() => Apt.Package(pinned, PackageState.Present));
            var status = FileIdentity.Of("/var/lib/dpkg/status");
            var present = await connection.CallAsync(() => Apt.Package(Package, PackageState.Present));
            var latest = await connection.CallAsync(() => Apt.Package(Package, PackageState.Latest));
            var stillPinned = await connection.CallAsync(() => Apt.Package(pinned, PackageState.Present));
            var unknownVersion = $"{Package}=0.0-rmote-none";
            await Assert.ThrowsAsync<RemoteProcessException>(() => connection.CallAsync(() => Apt.Package(unknownVersion, PackageState.Present)));

            Assert.Equal(new PackageResult(Package, candidate, true), installed);
            Assert.True(File.Exists("/usr/games/sl"));
            Assert.Equal(new PackageResult(Package, candidate, false), present);
            Assert.Equal(new PackageResult(Package, candidate, false), latest);
            Assert.Equal(new PackageResult(Package, candidate, false), stillPinned);
            Assert.Equal(status, FileIdentity.Of("/var/lib/dpkg/status"));

            var removed = await connection.CallAsync(() => Apt.Converge(new PackageSpec(Package, PackageState.Absent)));
            var removedAgain = await connection.CallAsync(() => Apt.Converge(new PackageSpec(Package, PackageState.Absent)));

            Assert.Equal([new PackageResult(Package, "", true)], removed);
            Assert.Equal([new PackageResult(Package, "", false)], removedAgain);
            Assert.False(File.Exists("/usr/games/sl"));
        }
        finally
        {
            FileIdentity.Run("sh", "-c", $"dpkg -s {Package} >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get -y -q remove --purge {Package} >/dev/null || true");
        }
    }
}
