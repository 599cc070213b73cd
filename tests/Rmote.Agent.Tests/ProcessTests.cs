using Rmote.Agent.Tests.Client;
using Rmote.TestTools;

namespace Rmote.Agent.Tests;

public sealed class ProcessTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private AgentProcess Agent => fixture.Agent;

    [Fact]
    public async Task Output_is_captured_when_asked_and_input_is_fed_to_stdin()
    {
        var result = await Agent.CallAsync(() => Processes.Run(new[] { "sh", "-c", "cat; echo err >&2; exit 3" }, "fed input", true, null, null, false, false));
        Assert.Equal(new ProcessResult(3, "fed input", "err\n"), result);
    }

    [Fact]
    public async Task Without_capture_output_is_not_returned_and_stdin_is_empty()
    {
        var result = await Agent.CallAsync(() => Processes.Run(new[] { "sh", "-c", "read line && exit 1; echo lost" }, null, false, null, null, false, false));
        Assert.Equal(new ProcessResult(0, null, null), result);
    }

    [Fact]
    public async Task Environment_working_directory_and_shell_are_honoured()
    {
        var directory = Path.GetTempPath().TrimEnd('/');
        var environment = new Dictionary<string, string> { ["RMOTE_TEST_VAR"] = "set" };
        var result = await Agent.CallAsync(() => Processes.Run(new[] { "echo", "$RMOTE_TEST_VAR", "&&", "pwd" }, null, true, environment, directory, true, false));
        Assert.Equal($"set\n{directory}\n", result.StandardOutput);
    }

    [Fact]
    public async Task Check_turns_a_non_zero_exit_into_RemoteProcessException()
    {
        var failure = await Assert.ThrowsAsync<RemoteProcessException>(() => Agent.CallAsync(() => Processes.Run(new[] { "sh", "-c", "echo broken >&2; exit 4" }, null, true, null, null, false, true)));
        Assert.Equal((4, "sh -c echo broken >&2; exit 4", "broken\n"), (failure.ExitCode, failure.Command, failure.StandardError));
    }

    [Fact]
    public async Task A_missing_program_or_working_directory_has_its_own_exception_type()
    {
        var program = await Assert.ThrowsAsync<FileNotFoundException>(() => Agent.CallAsync(() => Processes.Run(new[] { "rmote-no-such-program" }, null, true, null, null, false, true)));
        var directory = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Agent.CallAsync(() => Processes.Run(new[] { "true" }, null, true, null, "/nonexistent/dir", false, true)));
        var shellDirectory = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Agent.CallAsync(() => Processes.Run(new[] { "true" }, null, true, null, "/nonexistent/dir", true, true)));

        Assert.Equal("rmote-no-such-program", program.FileName);
        Assert.Contains("'/nonexistent/dir'", directory.Message, StringComparison.Ordinal);
        Assert.Equal(directory.Message, shellDirectory.Message);
    }
}
