namespace Rmote.TestTools;

[Tool]
public static class Processes
{
    public static ProcessResult Run(string[] command, string? input, bool captureOutput, Dictionary<string, string>? environment, string? workingDirectory, bool shell, bool check) =>
        RemoteProcess.Run(command, input, captureOutput, environment, workingDirectory, shell, check);
}
