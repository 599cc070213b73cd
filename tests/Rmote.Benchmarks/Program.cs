using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using Rmote.Benchmarks;

// rmote-bench SUITE [--json FILE] [--runs N]: runs one suite and writes one flat JSON object of medians.
if (args is [ColdFirstCall.Argument]) return await ColdFirstCall.RunAsync();   // the child of first_system_cold_ms

var suites = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmarkSuite).IsAssignableFrom(t))
    .Select(t => (IBenchmarkSuite)Activator.CreateInstance(t)!)
    .ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

var suiteArgument = new Argument<string>("suite")
{
    Description = "Suite to run: " + string.Join(", ", suites.Keys.Order()),
};
var jsonOption = new Option<FileInfo?>("--json") { Description = "Write the medians to this file as one JSON object." };
var runsOption = new Option<int>("--runs") { Description = "Repetitions per measurement (median is reported).", DefaultValueFactory = _ => 5 };

var root = new RootCommand("Rmote.Actors benchmarks") { suiteArgument, jsonOption, runsOption };
root.SetAction(async (parse, ct) =>
{
    var name = parse.GetValue(suiteArgument)!;
    if (!suites.TryGetValue(name, out var suite))
    {
        Console.Error.WriteLine($"Unknown suite '{name}'. Known: {string.Join(", ", suites.Keys.Order())}.");
        return 2;
    }
    var runs = Math.Max(1, parse.GetValue(runsOption));
    var results = await suite.RunAsync(runs, Console.Out, ct);
    var json = JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true });
    Console.WriteLine(json);
    if (parse.GetValue(jsonOption) is { } file) await File.WriteAllTextAsync(file.FullName, json, ct);
    return 0;
});
return await root.Parse(args).InvokeAsync();
