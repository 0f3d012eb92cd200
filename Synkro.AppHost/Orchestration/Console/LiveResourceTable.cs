using Spectre.Console;
using Synkro.Hosting.Orchestration.State;

namespace Synkro.Hosting.Orchestration.Console;

/// <summary>The interactive console: a resource table redrawn in place whenever a state changes.</summary>
internal sealed class LiveResourceTable(string runDirectory)
{
    private volatile RunSnapshot? latest;
    private readonly SemaphoreSlim changed = new(0);

    public void OnChanged(RunSnapshot snapshot)
    {
        latest = snapshot;
        if (changed.CurrentCount == 0)
        {
            changed.Release();
        }
    }

    public Task RunAsync(Task until) =>
        AnsiConsole.Live(Render()).AutoClear(false).StartAsync(async context =>
        {
            while (!until.IsCompleted)
            {
                await Task.WhenAny(changed.WaitAsync(), until);
                context.UpdateTarget(Render());
            }

            context.UpdateTarget(Render());
        });

    private Table Render()
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Synkro AppHost — {latest?.Status ?? "Starting"} — Ctrl+C to stop")
            .Caption($"state.json, secrets.json and logs/ in {Markup.Escape(runDirectory)}");
        foreach (var column in (string[])["Resource", "Type", "State", "PID", "Endpoints", "Details"])
        {
            table.AddColumn(column);
        }

        foreach (var r in latest?.Resources ?? [])
        {
            table.AddRow(
                Markup.Escape(r.Name),
                Markup.Escape(r.Type),
                $"[{Color(r.State)}]{r.State}[/]",
                string.Join(",", r.Replicas.Select(x => x.Pid?.ToString() ?? "-")),
                Markup.Escape(string.Join("\n", r.Endpoints.Select(e => e.Url))),
                Markup.Escape(r.Message ?? ""));
        }

        return table;
    }

    private static string Color(ResourceState state) => state switch
    {
        ResourceState.Healthy => "green",
        ResourceState.Running or ResourceState.Starting => "yellow",
        ResourceState.Waiting or ResourceState.Stopped => "grey",
        _ => "red",
    };
}
