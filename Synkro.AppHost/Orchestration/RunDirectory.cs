namespace Synkro.Hosting.Orchestration;

/// <summary>
/// The AppHost's run directory: <c>state.json</c>, <c>secrets.json</c>, <c>data/</c> (kept between runs,
/// like named volumes), <c>logs/</c> (one file per resource, per run) and <c>run/</c> (configuration written each start).
/// </summary>
internal sealed class RunDirectory
{
    public RunDirectory(string root)
    {
        Root = Path.GetFullPath(root);
        System.IO.Directory.CreateDirectory(Root);
        // Servers may run as another user (postgres), who must be able to reach their data below here.
        AllowTraversal(Root);
        foreach (var dir in (string[])[Data, Logs, Config])
        {
            System.IO.Directory.CreateDirectory(dir);
            AllowTraversal(dir);
        }
    }

    public string Root { get; }

    public string StateFile => Path.Combine(Root, "state.json");

    public string SecretsFile => Path.Combine(Root, "secrets.json");

    public string LockFile => Path.Combine(Root, "apphost.lock");

    public string Data => Path.Combine(Root, "data");

    public string Logs => Path.Combine(Root, "logs");

    public string Config => Path.Combine(Root, "run");

    public string DataFor(string resource) => Path.Combine(Data, resource);

    public string ConfigFor(string resource)
    {
        var dir = Path.Combine(Config, resource);
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Forgets all data and secrets (<c>--reset</c>).</summary>
    public void Reset()
    {
        if (System.IO.Directory.Exists(Data))
        {
            System.IO.Directory.Delete(Data, recursive: true);
        }

        File.Delete(SecretsFile);
        System.IO.Directory.CreateDirectory(Data);
        AllowTraversal(Data);
    }

    /// <summary>The default: <c>.synkro/</c> beside Synkro.sln when run from a checkout, else the user's data folder.</summary>
    public static string Default()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Synkro.sln")))
            {
                return Path.Combine(dir.FullName, ".synkro");
            }
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "synkro");
    }

    private static void AllowTraversal(string dir)
    {
        var mode = File.GetUnixFileMode(dir);
        File.SetUnixFileMode(dir, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }
}
