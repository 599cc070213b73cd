using Rmote.Integration.Tests.Support;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;
using Rmote.Tools;
using Rmote.Transports;

namespace Rmote.Integration.Tests.Defects;

/// <summary>
/// Issue 16, defect 1: an exception of one of our types keeps its public data on the way from a real agent — a
/// template error says where it is, on the host as it would locally.
/// </summary>
public sealed class RemoteExceptionDataTests : IAsyncLifetime
{
    private RmoteConnection connection = null!;

    public async Task InitializeAsync() => connection = await RmoteConnection.StartLocalAsync();

    public async Task DisposeAsync() => await connection.DisposeAsync();

    [Fact]
    public async Task A_render_error_on_the_agent_keeps_line_column_and_text()
    {
        var template = new Template("port: 1\nport: ${server.Prot}");
        var model = new { server = new { Port = 1 } };
        var local = Assert.Throws<TemplateException>(() => template.Render(model));

        var remote = await Assert.ThrowsAsync<TemplateException>(() => connection.CallAsync(() => Templates.Render(template, model)));

        Assert.Equal((2, 16, "Prot"), (local.Line, local.Column, local.Text));
        Assert.Equal((local.Line, local.Column, local.Text), (remote.Line, remote.Column, remote.Text));
    }

    [Fact]
    public async Task A_syntax_error_in_a_template_file_on_the_agent_keeps_line_column_text_and_message()
    {
        using var directory = new TempFolder();
        var source = "% for x in xs\n${x}\n% endif\n";
        var path = Path.Join(directory.Path, "broken.tmpl");
        await File.WriteAllTextAsync(path, source);
        var local = Assert.Throws<TemplateException>(() => new Template(source));

        var remote = await Assert.ThrowsAsync<TemplateException>(() => connection.CallAsync(() => Templates.RenderFile(path, null)));

        Assert.Equal((3, 1, "% endif"), (remote.Line, remote.Column, remote.Text));
        Assert.Equal((local.Line, local.Column, local.Text, local.Message), (remote.Line, remote.Column, remote.Text, remote.Message));
    }

    [Fact]
    public async Task A_failed_command_on_the_agent_keeps_exit_code_command_and_stderr()
    {
        var remote = await Assert.ThrowsAsync<RemoteProcessException>(() => connection.CallAsync(() => Exec.Shell("echo disk full >&2; exit 28")));

        Assert.Equal((28, "echo disk full >&2; exit 28", "disk full\n"), (remote.ExitCode, remote.Command, remote.StandardError));
    }

    [Fact]
    public async Task A_real_RmoteConnectException_keeps_reason_target_stderr_and_message_through_the_exception_payload()
    {
        // Straight from the command transport (the connection actor adds nothing to this exception).
        var original = await Assert.ThrowsAsync<RmoteConnectException>(() =>
            AgentTransports.StartCommandAsync(["sh", "-c", "echo 'sh: no shell for you' >&2; exit 7"], new RmoteOptions(), default)
                .Within(Bounds.Generous, "StartCommandAsync"));

        var frame = ProtocolMessages.Failure(FrameFlags.Rpc, 1, original);
        var rebuilt = Assert.IsType<RmoteConnectException>(ProtocolMessages.ReadException(frame).ToException());

        Assert.Equal(ConnectFailureReason.TransportFailed, original.Reason);
        Assert.Contains("no shell for you", original.StandardError, StringComparison.Ordinal);
        Assert.Equal(
            (original.Reason, original.Target, original.StandardError, original.Message),
            (rebuilt.Reason, rebuilt.Target, rebuilt.StandardError, rebuilt.Message));
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("rmote-defects-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
