using Microsoft.Extensions.Options;

namespace Synkro.Notifications.Digests;

/// <summary>
/// Runs the digests each day at <see cref="DigestSettings.SendAt"/>, and once at start for any that
/// were due while the service was down. Every replica runs it; the runner's row locks keep them from
/// sending anything twice.
/// </summary>
public sealed partial class DigestSchedule(DigestRunner runner, IOptions<DigestSettings> settings, TimeProvider clock, ILogger<DigestSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var due = settings.Value.LastDue(clock.GetUtcNow());
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                await runner.RunAsync(due, stoppingToken);
                due = due.AddDays(1);
                wait = due - clock.GetUtcNow();
            }
            catch (Exception failed) when (!stoppingToken.IsCancellationRequested)
            {
                // The database away, say: the same digests again in a minute.
                LogFailed(logger, failed);
                wait = TimeSpan.FromMinutes(1);
            }

            try
            {
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 1406, Level = LogLevel.Warning, Message = "The daily digests failed; trying again in a minute")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
