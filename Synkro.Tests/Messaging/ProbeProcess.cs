using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Messaging;

/// <summary>
/// Runs the messaging probe (this assembly's Main) as its own process, a service of the event bus
/// with its own database, so tests can commit, consume, and kill -9 it like any service.
/// </summary>
public sealed class ProbeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ProbeProcess(Process process, string url)
    {
        this.process = process;
        Http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(120) };
    }

    public HttpClient Http { get; }

    public int Pid => process.Id;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Creates a database for a probe on the test host's PostgreSQL and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(SynkroApp app, string name)
    {
        await using var connection = new NpgsqlConnection(app.GetConnectionString(ResourceNames.Postgres) + ";Database=postgres");
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return app.GetConnectionString(ResourceNames.Postgres) + $";Database={name}";
    }

    public static async Task<ProbeProcess> StartAsync(SynkroApp app, string serviceName, string database, bool subscribe, IReadOnlyDictionary<string, string>? settings = null)
    {
        var url = $"http://127.0.0.1:{FreePorts.Next()}";
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(ProbeProcess).Assembly.Location);
        info.ArgumentList.Add("messaging-probe");
        info.Environment["ASPNETCORE_URLS"] = url;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["OTEL_SERVICE_NAME"] = serviceName;
        info.Environment["ConnectionStrings__probedb"] = database;
        info.Environment["ConnectionStrings__messaging"] = app.GetConnectionString(ResourceNames.Messaging);
        info.Environment["Probe__Subscribe"] = subscribe ? "true" : "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var probe = new ProbeProcess(new Process { StartInfo = info }, url);
        probe.process.OutputDataReceived += (_, e) => probe.Append(e.Data);
        probe.process.ErrorDataReceived += (_, e) => probe.Append(e.Data);
        probe.process.Start();
        probe.process.BeginOutputReadLine();
        probe.process.BeginErrorReadLine();
        await probe.WaitUntilServingAsync();
        return probe;
    }

    private async Task WaitUntilServingAsync()
    {
        var deadline = Deadlines.In(Deadlines.ResourceStart);
        while (!deadline.Passed && !process.HasExited)
        {
            try
            {
                if ((await Http.GetAsync("/alive")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The messaging probe did not start after {deadline} (exited: {process.HasExited}).\n{Output}");
    }

    public async Task CommitAsync(string key, int amount, int count, int batch = 1)
    {
        using var response = await Http.PostAsync($"/increments?key={key}&amount={amount}&count={count}&batch={batch}", null);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Committed envelopes not yet sent (Wolverine deletes an outgoing envelope once the broker has it).</summary>
    public async Task<int> UnsentAsync() =>
        (await Http.GetFromJsonAsync<OutboxReading>("/outbox"))!.Unsent;

    public async Task<CounterReading> ReadCounterAsync(string key) =>
        (await Http.GetFromJsonAsync<CounterReading>($"/counters/{key}"))!;

    /// <summary>Polls the counter until <paramref name="done"/> holds or the timeout passes; returns the last reading.</summary>
    public async Task<CounterReading> WaitForCounterAsync(string key, Func<CounterReading, bool> done, TimeSpan timeout)
    {
        var deadline = Deadlines.In(timeout);
        var reading = await ReadCounterAsync(key);
        while (!done(reading) && !deadline.Passed)
        {
            await Task.Delay(200);
            reading = await ReadCounterAsync(key);
        }

        return reading;
    }

    public async Task KillHardAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }


    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            _ = ProcessTable.Terminate(process.Id);
            using var timeout = new CancellationTokenSource(Deadlines.Stop);
            await process.WaitForExitAsync(timeout.Token);
        }

        process.Dispose();
        Http.Dispose();
    }
}

public sealed record OutboxReading(int Unsent);

public sealed record CounterReading(long Total, int Receipts, int DistinctEvents, List<string?> TraceIds);
