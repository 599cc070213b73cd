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
    }

    [Fact]
    public async Task A_missing_program_is_a_FileNotFoundException_naming_it()
    {
        var onPath = await Assert.ThrowsAsync<FileNotFoundException>(() => Connection.CallAsync(() => Exec.Command(new[] { "rmote-no-such-program", "--help" })));
        var byPath = await Assert.ThrowsAsync<FileNotFoundException>(() => Connection.CallAsync(() => Exec.Command(new[] { "/nonexistent/program" })));

        Assert.Equal("rmote-no-such-program", onPath.FileName);
        Assert.Equal("Cannot run 'rmote-no-such-program --help': the program 'rmote-no-such-program' was not found on PATH.", onPath.Message);
        Assert.Equal("/nonexistent/program", byPath.FileName);
        Assert.Equal("Cannot run '/nonexistent/program': the program '/nonexistent/program' does not exist.", byPath.Message);
    }

    [Fact]
    public async Task A_missing_working_directory_is_a_DirectoryNotFoundException_for_commands_and_shells()
    {
        var command = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Connection.CallAsync(() => Exec.Command(new[] { "true" }, true, null, "/nonexistent/dir")));
        var shell = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Connection.CallAsync(() => Exec.Shell("true", true, null, "/etc/hostname")));

        Assert.Equal("Cannot run 'true': the working directory '/nonexistent/dir' does not exist or is not a directory.", command.Message);
        Assert.Contains("'/etc/hostname' does not exist or is not a directory", shell.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_program_that_is_not_executable_is_an_UnauthorizedAccessException()
    {
        using var temp = new TempDirectory();
        var script = temp.Write("not-executable.sh", "#!/bin/sh\necho hi\n");

        var failure = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Connection.CallAsync(() => Exec.Command(new[] { script })));

        Assert.Contains("is not executable", failure.Message, StringComparison.Ordinal);
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
