using Microsoft.Extensions.Logging;
using Synkro.Hosting.Orchestration.State;

namespace Synkro.Hosting.Orchestration.Console;

/// <summary>For <c>--headless</c> and redirected output: one plain log line per change of a resource's state.</summary>
internal sealed partial class HeadlessReporter(ILogger logger)
{
    private readonly Dictionary<string, (ResourceState, string?)> last = [];
    private string? lastStatus;
    private readonly Lock gate = new();

    public void OnChanged(RunSnapshot snapshot)
    {
        lock (gate)
        {
            foreach (var resource in snapshot.Resources)
            {
                var now = (resource.State, resource.Message);
                if (last.TryGetValue(resource.Name, out var before) && before == now)
                {
                    continue;
                }

                last[resource.Name] = now;
                var urls = string.Join(" ", resource.Endpoints.Select(e => e.Url));
                LogResource(logger, resource.Name, resource.State, urls, resource.Message ?? "");
            }

            if (snapshot.Status != lastStatus)
            {
                lastStatus = snapshot.Status;
                LogStatus(logger, snapshot.Status);
            }
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "{Resource,-14} {State,-13} {Urls} {Message}")]
    private static partial void LogResource(ILogger logger, string resource, ResourceState state, string urls, string message);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Application is {Status}")]
    private static partial void LogStatus(ILogger logger, string status);
}
