using System.CommandLine;
using Microsoft.Extensions.Logging;
using Rmote.Demo;

namespace Rmote.Cli;

/// <summary><c>rmote demo [--ssh user@host] [--verbose]</c>: the README's first command.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var ssh = new Option<string?>("--ssh") { Description = "Run the demo against an agent started over ssh on this destination instead of a local one." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show the connection's debug log." };
        var demo = new Command("demo", "Start an agent and show calls, concurrency, a remote exception and a forwarded log.") { ssh, verbose };
        demo.SetAction(async (parse, ct) =>
        {
            using var loggerFactory = LoggerFactory.Create(b => b
                .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
                .SetMinimumLevel(parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information));
            try
            {
                return await DemoRunner.RunAsync(parse.GetValue(ssh), loggerFactory, ct);
            }
            catch (RmoteConnectException e)
            {
                Console.Error.WriteLine($"rmote: could not connect: {e.Message}");
                return 1;
            }
        });
        return demo;
    }
}
