namespace Synkro.ServiceDefaults.Health;

internal static class HealthCheckRegistrationExtensions
{
    /// <summary>A dependency that does not answer within this time counts as failed.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
}
