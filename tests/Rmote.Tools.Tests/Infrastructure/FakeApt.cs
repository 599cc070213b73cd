namespace Rmote.Tools.Tests.Infrastructure;

/// <summary>
/// A local agent whose PATH starts with recording fakes of <c>apt-get</c> and <c>dpkg-query</c>, for the decision
/// logic (pins, Latest, batching) without the network. Packages offered: <c>available/NAME</c> lists their versions,
/// newest first; installed ones: <c>installed/NAME</c> holds the version. apt-get also records the environment it got.
/// </summary>
public sealed class FakeApt : IAsyncLifetime
{
    private const string DpkgQuery = """
        if [ -e "$STATE/installed/$4" ]; then printf 'installed\t%s\n' "$(cat "$STATE/installed/$4")"; else echo "dpkg-query: no packages found matching $4" >&2; exit 1; fi
        """;

    private const string AptGet = """
        echo "DEBIAN_FRONTEND=$DEBIAN_FRONTEND MARKER=$RMOTE_TEST_MARKER" >> "$STATE/env"
        sim= verb= packages=
        for a; do
          case $a in
            -s) sim=1 ;;
            -*) ;;
            *) if [ -z "$verb" ]; then verb=$a; else packages="$packages $a"; fi ;;
          esac
        done
        case $verb in
          update) ;;
          install)
            for p in $packages; do
              name=${p%%=*}; version=${p#*=}; [ "$version" = "$p" ] && version=
              [ -e "$STATE/available/$name" ] || { echo "E: Unable to locate package $name" >&2; exit 100; }
              [ -n "$version" ] || version=$(head -n1 "$STATE/available/$name")
              grep -qx "$version" "$STATE/available/$name" || { echo "E: Version '$version' for '$name' was not found" >&2; exit 100; }
              if [ -n "$sim" ]; then
                [ "$(cat "$STATE/installed/$name" 2>/dev/null)" = "$version" ] || echo "Inst $name [old] ($version Debian:12/stable [amd64])"
              else
                echo "$version" > "$STATE/installed/$name"
              fi
            done ;;
          remove) for p in $packages; do rm -f "$STATE/installed/$p"; done ;;
          *) echo "fake apt-get: unexpected $*" >&2; exit 2 ;;
        esac
        exit 0
        """;

    public FakePrograms Programs { get; } = new();

    public RmoteConnection Connection { get; private set; } = null!;

    /// <summary>The apt-get and dpkg-query command lines so far.</summary>
    public IReadOnlyList<string> Calls => Programs.Calls;

    /// <summary>What each apt-get run saw of DEBIAN_FRONTEND and of a variable set only in the agent's environment.</summary>
    public IReadOnlyList<string> Environments => File.Exists(Path.Join(Programs.State, "env")) ? File.ReadAllLines(Path.Join(Programs.State, "env")) : [];

    public void Offer(string name, params string[] versions) => Write("available", name, string.Join('\n', versions) + "\n");

    public void Install(string name, string version) => Write("installed", name, version + "\n");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Join(Programs.State, "available"));
        Directory.CreateDirectory(Path.Join(Programs.State, "installed"));
        Programs.Add("apt-get", AptGet);
        Programs.Add("dpkg-query", DpkgQuery);
        Connection = await RmoteConnection.StartLocalAsync();
        await Programs.InstallAsync(Connection);
        await Connection.CallAsync(() => AgentEnvironment.Set("RMOTE_TEST_MARKER", "kept"));
    }

    public async Task DisposeAsync()
    {
        await Connection.DisposeAsync();
        Programs.Dispose();
    }

    private void Write(string kind, string name, string content) => File.WriteAllText(Path.Join(Programs.State, kind, name), content);
}
