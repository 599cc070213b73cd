using System.CommandLine;
using Microsoft.Extensions.Logging;
using Rmote;
using Rmote.Demo;

// rmote demo [--ssh user@host] [--verbose]
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
var root = new RootCommand("Rmote.Actors: control other machines from C#.") { demo };
return await root.Parse(args).InvokeAsync();
