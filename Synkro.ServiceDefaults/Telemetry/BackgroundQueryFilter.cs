using System.Diagnostics;
using OpenTelemetry;

namespace Synkro.ServiceDefaults.Telemetry;

/// <summary>
/// Drops database spans that no recorded operation asked for: Wolverine's durability agent beats and
/// polls several times a second in every service, and /health runs a query per check. Exported, they
/// would be most of the dashboard's traces and most of its work. A query made while handling a
/// request or a message has a recorded parent and is kept.
/// </summary>
internal sealed class BackgroundQueryFilter : BaseProcessor<Activity>
{
    public const string NpgsqlSource = "Npgsql";

    public override void OnStart(Activity data)
    {
        if (data.Source.Name == NpgsqlSource && (data.Parent is null ? data.ParentSpanId == default : !data.Parent.Recorded))
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            data.IsAllDataRequested = false;
        }
    }
}
