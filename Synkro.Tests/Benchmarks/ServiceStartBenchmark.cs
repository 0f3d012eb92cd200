using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Synkro.Tests.Hosting;
using Synkro.Tests.Messaging;

namespace Synkro.Tests.Benchmarks;

/// <summary>
/// Each messaging service's cold start: process start to its first /health 200, against the real
/// servers (started once), on fresh databases (run 1: migrations and Wolverine's tables) and then
/// again on the same ones. Several checkouts can be compared in one run, on the same servers and load:
/// <c>dotnet run -c Release --project Synkro.Tests -- bench service-start [runs] [checkout ...]</c>
/// (each checkout built with <c>dotnet build -c Release</c>; default: this one).
/// </summary>
public static class ServiceStartBenchmark
{
    private static readonly (string Project, string Database)[] Services =
    [
        ("Synkro.Inventory", ResourceNames.InventoryDb),
        ("Synkro.Logistics", ResourceNames.LogisticsDb),
        ("Synkro.Notifications", ResourceNames.NotificationsDb),
        ("Synkro.Forecasting", ResourceNames.ForecastingDb),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0]) : 3;
        string[] checkouts = args.Length > 1 ? args[1..] : [RepositoryRoot()];
        await using var app = await SynkroApp.StartAsync(new SynkroAppOptions { Only = [ResourceNames.Postgres, ResourceNames.Messaging, ResourceNames.Cache] });
        await app.WaitForHealthyAsync();
        Console.WriteLine($"Service cold start, process start to /health 200: {runs} runs, {Environment.ProcessorCount} cores");
        Console.WriteLine($"load average before: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine($"| checkout | service | {string.Join(" | ", Enumerable.Range(1, runs).Select(r => r == 1 ? "run 1, new database (s)" : $"run {r} (s)"))} |");
        Console.WriteLine($"|---|---|{string.Concat(Enumerable.Repeat("---|", runs))}");
        foreach (var (checkout, index) in checkouts.Select((c, i) => (c, i)))
        {
            foreach (var (project, database) in Services)
            {
                var connectionString = await ProbeProcess.CreateDatabaseAsync(app, $"{database}_start{index}_{Guid.NewGuid().ToString("N")[..6]}");
                var times = new List<string>();
                for (var run = 0; run < runs; run++)
                {
                    times.Add($"{(await TimeToHealthyAsync(app, checkout, project, database, connectionString)).TotalSeconds:0.0}");
                }

                Console.WriteLine($"| {Path.GetFileName(checkout.TrimEnd('/'))} | {project} | {string.Join(" | ", times)} |");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    private static async Task<TimeSpan> TimeToHealthyAsync(SynkroApp app, string checkout, string project, string database, string connectionString)
    {
        var url = $"http://127.0.0.1:{FreePorts.Next()}";
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(checkout, project) };
        info.ArgumentList.Add(Path.Combine(checkout, project, "bin", "Release", "net10.0", $"{project}.dll"));
        info.Environment["ASPNETCORE_URLS"] = url;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment[$"ConnectionStrings__{database}"] = connectionString;
        info.Environment["ConnectionStrings__messaging"] = app.GetConnectionString(ResourceNames.Messaging);
        info.Environment["ConnectionStrings__cache"] = app.GetConnectionString(ResourceNames.Cache);
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < TimeSpan.FromMinutes(2) && !process.HasExited)
            {
                try
                {
                    using var response = await http.GetAsync("/health");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return clock.Elapsed;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // not listening yet
                }

                await Task.Delay(50);
            }

            throw new TimeoutException($"{project} from {checkout} did not get healthy (exited: {process.HasExited}).");
        }
        finally
        {
            if (!process.HasExited)
            {
                _ = ProcessTable.Terminate(process.Id);
                await process.WaitForExitAsync();
            }
        }
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));


    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "Synkro.sln")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("Synkro.sln not found above " + AppContext.BaseDirectory);
        }

        return directory.FullName;
    }
}
