using System.Net;
using System.Net.Http.Headers;

namespace Synkro.Tests.Hosting;

/// <summary>
/// Resource commands through the AppHost's control API, as Aspire's dashboard offers them: each sends the command,
/// then waits in state.json for its outcome, so a test continues with the resource stopped or healthy.
/// </summary>
public sealed partial class TestAppHost
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Stops every process of the resource gracefully; the AppHost and the other resources keep running.</summary>
    public async Task<ResourceStatus> StopResourceAsync(string resource, TimeSpan? timeout = null)
    {
        await SendCommandAsync(resource, "stop");
        return (await WaitForAsync(s => s[resource].State == "Stopped", timeout ?? CommandTimeout, $"{resource} stopped", _ => false))[resource];
    }

    /// <summary>Starts a stopped (or exited) resource again, on the same ports and data, and waits until it is healthy.</summary>
    public async Task<ResourceStatus> StartResourceAsync(string resource, TimeSpan? timeout = null)
    {
        await SendCommandAsync(resource, "start");
        return await WaitForResourceHealthyAsync(resource, timeout ?? CommandTimeout);
    }

    /// <summary>Stops and starts the resource (every replica of a project), and waits until it is healthy again.</summary>
    public async Task<ResourceStatus> RestartResourceAsync(string resource, TimeSpan? timeout = null)
    {
        await SendCommandAsync(resource, "restart");
        return await WaitForResourceHealthyAsync(resource, timeout ?? CommandTimeout);
    }

    /// <summary>An HttpClient on the control API carrying this run's bearer token (or none, to test the refusal).</summary>
    public HttpClient CreateControlClient(bool authenticated = true)
    {
        var control = Secrets.Control ?? throw new InvalidOperationException("secrets.json names no control API yet.");
        var client = new HttpClient { BaseAddress = new Uri(control.Url), Timeout = CommandTimeout };
        if (authenticated)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", control.Token);
        }

        return client;
    }

    private async Task SendCommandAsync(string resource, string command)
    {
        using var client = CreateControlClient();
        using var response = await client.PostAsync($"/resources/{Uri.EscapeDataString(resource)}/commands/{command}", null);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
        {
            throw new InvalidOperationException(
                $"{command} {resource}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    // The command's answer already left the old state behind (Stopped, Exited), so a failure seen here is the new run's.
    private async Task<ResourceStatus> WaitForResourceHealthyAsync(string resource, TimeSpan timeout) =>
        (await WaitForAsync(s => s[resource].State == "Healthy", timeout, $"{resource} healthy", r => r.Name == resource))[resource];
}
