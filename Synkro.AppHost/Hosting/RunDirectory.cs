namespace Synkro.AppHost.Hosting;

/// <summary>
/// Where a run keeps what outlives it: the local servers' data (like named volumes) and state.json for
/// tools. <c>.synkro/</c> beside Synkro.sln unless <c>--run-dir DIR</c> says otherwise; wiping it wipes the data.
/// </summary>
public static class RunDirectory
{
    public static string Get(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration["run-dir"] ?? Path.Combine(builder.AppHostDirectory, "..", ".synkro"));

    /// <summary>The data directory of one server, created traversable so a server run as its own user can reach it.</summary>
    public static string DataFor(IDistributedApplicationBuilder builder, string resource)
    {
        var root = Get(builder);
        var data = Path.Combine(root, "data", resource);
        Directory.CreateDirectory(data);
        foreach (var dir in new[] { root, Path.Combine(root, "data") })
        {
            File.SetUnixFileMode(dir, File.GetUnixFileMode(dir) | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute);
        }

        return data;
    }
}
