using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

public sealed class ExecTests(LocalAgent agent) : IClassFixture<LocalAgent>
{
    private RmoteConnection Connection => agent.Connection;

    [Fact]
    public async Task Command_runs_a_program_without_a_shell_and_captures_its_output()
    {
        var result = await Connection.CallAsync(() => Exec.Command(new[] { "printf", "%s|", "a b", "$HOME" }));

        Assert.Equal(new ExecResult(0, "a b|$HOME|", "", "printf %s| a b $HOME"), result);
    }

    [Fact]
    public async Task Shell_runs_an_expression_with_pipes_and_redirections()
    {
        var result = await Connection.CallAsync(() => Exec.Shell("echo one two | tr a-z A-Z; echo oops >&2"));

        Assert.Equal(new ExecResult(0, "ONE TWO\n", "oops\n", "echo one two | tr a-z A-Z; echo oops >&2"), result);
    }

    [Fact]
    public async Task A_failing_command_throws_RemoteProcessException_with_the_command_and_its_stderr()
    {
        var error = await Assert.ThrowsAsync<RemoteProcessException>(() => Connection.CallAsync(() => Exec.Shell("echo bad thing >&2; exit 3")));

        Assert.Equal("Command 'echo bad thing >&2; exit 3' exited with code 3: bad thing", error.Message);
        Assert.Equal((3, "echo bad thing >&2; exit 3", "bad thing\n"), (error.ExitCode, error.Command, error.StandardError));
        var missing = await Assert.ThrowsAnyAsync<Exception>(() => Connection.CallAsync(() => Exec.Command(new[] { "/nonexistent/program" })));
        Assert.Contains("/nonexistent/program", missing.Message);
    }

    [Fact]
    public async Task Without_check_a_failure_is_a_result()
    {
        var result = await Connection.CallAsync(() => Exec.Command(new[] { "sh", "-c", "exit 4" }, false));

        Assert.Equal(4, result.ExitCode);
    }

    [Fact]
    public async Task The_environment_is_extended_not_replaced_and_cwd_and_input_apply()
    {
        var env = new Dictionary<string, string> { ["GREETING"] = "hi" };

        var result = await Connection.CallAsync(() => Exec.Shell("echo \"$GREETING $(pwd) ${PATH:+has-path}\"; cat", true, env, "/tmp", "from stdin"));

        Assert.Equal("hi /tmp has-path\nfrom stdin", result.Stdout);
    }

    [Fact]
    public async Task Without_capture_there_is_no_output_and_stdin_is_empty()
    {
        var result = await Connection.CallAsync(() => Exec.Shell("cat; echo done", true, null, null, null, false));

        Assert.Equal(new ExecResult(0, null, null, "cat; echo done"), result);
    }
}
