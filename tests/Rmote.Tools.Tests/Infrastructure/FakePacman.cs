namespace Rmote.Tools.Tests.Infrastructure;

/// <summary>
/// A local agent whose PATH starts with a recording fake <c>pacman</c>: <c>repo/NAME</c> holds the version the
/// repositories offer, <c>local/NAME</c> the installed one.
/// </summary>
public sealed class FakePacman : IAsyncLifetime
{
    private const string Script = """
        case "$1 $2" in
          "-Q "*) [ -e "$STATE/local/$2" ] && { echo "$2 $(cat "$STATE/local/$2")"; exit 0; }; echo "error: package '$2' was not found" >&2; exit 1 ;;
          "-Qu ") found=1
                  for f in "$STATE"/local/*; do
                    [ -e "$f" ] || continue; n=${f##*/}
                    [ "$(cat "$f")" != "$(cat "$STATE/repo/$n")" ] && { echo "$n $(cat "$f") -> $(cat "$STATE/repo/$n")"; found=0; }
                  done
                  exit $found ;;
          "--noconfirm -Sy") exit 0 ;;
          "--noconfirm -S") shift 3
                  for n; do [ -e "$STATE/repo/$n" ] || { echo "error: target not found: $n" >&2; exit 1; }; done
                  for n; do cp "$STATE/repo/$n" "$STATE/local/$n"; done ;;
          "--noconfirm -R") shift 2; for n; do rm "$STATE/local/$n"; done ;;
          *) echo "fake pacman: unexpected $*" >&2; exit 2 ;;
        esac
        """;

    public FakePrograms Programs { get; } = new();

    public RmoteConnection Connection { get; private set; } = null!;

    public IReadOnlyList<string> Calls => Programs.Calls;

    public void Offer(string name, string version) => File.WriteAllText(Path.Join(Programs.State, "repo", name), version);

    public void Install(string name, string version) => File.WriteAllText(Path.Join(Programs.State, "local", name), version);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Join(Programs.State, "repo"));
        Directory.CreateDirectory(Path.Join(Programs.State, "local"));
        Programs.Add("pacman", Script);
        Connection = await RmoteConnection.StartLocalAsync();
        await Programs.InstallAsync(Connection);
    }

    public async Task DisposeAsync()
    {
        await Connection.DisposeAsync();
        Programs.Dispose();
    }
}
