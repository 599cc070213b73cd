using System.Diagnostics;

namespace Rmote.Benchmarks;

/// <summary>
/// Template rendering throughput: a 50-line config template whose loop renders 1 000 upstream servers, rendered
/// again and again from one <see cref="Template"/> instance (the compiled form is reused, as on an agent).
/// </summary>
public sealed class TemplateSuite : IBenchmarkSuite
{
    private static readonly TimeSpan RunLength = TimeSpan.FromSeconds(1);

    /// <summary>50 lines: header, settings, conditionals, and one loop over the servers.</summary>
    private const string Source = """
        ## nginx-like config rendered by the template benchmark
        # generated for ${site.Name} (${site.Environment})
        worker_processes ${site.Workers};
        error_log /var/log/${site.Name}/error.log ${site.LogLevel.ToLower()};
        events {
            worker_connections ${site.Workers * 1024};
        }
        http {
            sendfile on;
            tcp_nopush on;
            types_hash_max_size 2048;
            include /etc/nginx/mime.types;
            keepalive_timeout ${site.KeepAlive};
        % if site.Gzip
            gzip on;
            gzip_types ${join(" ", site.GzipTypes)};
        % else
            gzip off;
        % endif
            upstream ${site.Name}_backend {
        % for s in site.Servers
        % if s.Enabled
                server ${s.Host}:${s.Port} weight=${s.Weight} max_fails=${s.MaxFails ?? 3}${s.Backup ? " backup" : ""};
        % else
                # server ${s.Host}:${s.Port} disabled
        % endif
        % endfor
            }
            server {
                listen ${site.Port};
                server_name ${site.Name}.example.org;
                root /srv/${site.Name};
                client_max_body_size ${site.MaxBodyMb}m;
                location / {
                    proxy_pass http://${site.Name}_backend;
                    proxy_set_header Host $host;
                    proxy_connect_timeout ${site.Timeout.ToString("F1")}s;
                }
        % for path in site.Static
                location /${path}/ {
                    alias /srv/${site.Name}/${path}/;
                }
        % endfor
        % if len(site.Servers) > 500
                # large pool: ${len(site.Servers)} servers
        % endif
                access_log /var/log/${site.Name}/access.log;
            }
        }
        ## end of template
        """;

    /// <inheritdoc />
    public string Name => "template";

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, double>> RunAsync(int runs, TextWriter log, CancellationToken cancellationToken)
    {
        var template = new Template(Source);
        var model = new { site = CreateSite() };
        log.WriteLine($"template: {Source.Split('\n').Length} source lines, output {template.Render(model).Length} chars");
        for (var i = 0; i < 200; i++) template.Render(model);
        var rate = await Measure.MedianOfAsync("template_renders_per_s", runs, log, () =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = 0L;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < RunLength)
            {
                template.Render(model);
                count++;
            }
            return Task.FromResult(Measure.PerSecond(count, clock.Elapsed));
        });
        return new Dictionary<string, double> { ["template_renders_per_s"] = rate };
    }

    private static Site CreateSite() => new(
        "shop", "production", 4, "WARN", 65, true, ["text/css", "application/json"], 8080, 16, 2.5,
        ["assets", "images", "downloads"],
        [.. Enumerable.Range(0, 1000).Select(i => new Server(
            $"10.0.{i / 256}.{i % 256}", 8000 + i % 10, 1 + i % 5, i % 7 == 0 ? 5 : null, i % 10 == 0, i % 13 != 0))]);

    private sealed record Site(
        string Name, string Environment, int Workers, string LogLevel, int KeepAlive, bool Gzip, string[] GzipTypes,
        int Port, int MaxBodyMb, double Timeout, string[] Static, List<Server> Servers);

    private sealed record Server(string Host, int Port, int Weight, int? MaxFails, bool Backup, bool Enabled);
}
