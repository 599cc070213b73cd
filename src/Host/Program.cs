// The `rmote` command line: demo, ping, facts, exec, copy, service, apt, user (see src/Host/Cli and docs/multi-host.md).
return await Rmote.Cli.RmoteCli.RunAsync(args);
