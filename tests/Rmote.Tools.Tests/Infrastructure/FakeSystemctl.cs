namespace Rmote.Tools.Tests.Infrastructure;

/// <summary>
/// A local agent whose PATH starts with a recording fake <c>systemctl</c>: units are active/enabled when a marker file
/// exists (<c>is-enabled</c> prints <c>enabled</c> or <c>disabled</c>); start/stop/enable/disable/restart create or delete the markers; <c>broken.service</c> fails to start;
/// reload of an inactive unit fails.
/// </summary>
public sealed class FakeSystemctl : IAsyncLifetime
{
    private const string Script = """
        unit=$2
        case "$1" in
          is-active) [ -e "$STATE/active-$3" ]; exit ;;
          is-enabled) [ -e "$STATE/enabled-$unit" ] && echo enabled || { echo disabled; exit 1; } ;;
          start|restart) [ "$unit" = broken.service ] && { echo "Job for broken.service failed because the control process exited with error code." >&2; exit 1; }
                         : > "$STATE/active-$unit" ;;
          stop) rm -f "$STATE/active-$unit" ;;
          enable) : > "$STATE/enabled-$unit" ;;
          disable) rm -f "$STATE/enabled-$unit" ;;
          reload) [ -e "$STATE/active-$unit" ] || { echo "$unit is not active, cannot reload." >&2; exit 1; } ;;
          daemon-reload) ;;
          *) echo "fake systemctl: unexpected $*" >&2; exit 2 ;;
        esac
        """;

    public FakePrograms Programs { get; } = new();

    public RmoteConnection Connection { get; private set; } = null!;

    public IReadOnlyList<string> Calls => Programs.Calls;

    public void SetActive(string unit) => File.WriteAllText(Path.Join(Programs.State, "active-" + unit), "");

    public void SetEnabled(string unit) => File.WriteAllText(Path.Join(Programs.State, "enabled-" + unit), "");

    public async Task InitializeAsync()
    {
        Programs.Add("systemctl", Script);
        Connection = await RmoteConnection.StartLocalAsync();
        await Programs.InstallAsync(Connection);
    }

    public async Task DisposeAsync()
    {
        await Connection.DisposeAsync();
        Programs.Dispose();
    }
}
