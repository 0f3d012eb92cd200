namespace Synkro.Hosting.Orchestration;

/// <summary>
/// The AppHost's command line, a contract that tests and benchmarks rely on:
/// <c>--run-dir DIR</c>, <c>--headless</c>, <c>--only a,b</c>, <c>--reset</c>, <c>--no-install</c>.
/// Anything else is passed on to configuration (e.g. <c>--Parameters:name=value</c>).
/// </summary>
public sealed record AppHostOptions
{
    public string? RunDirectory { get; init; }

    public bool Headless { get; init; }

    public IReadOnlyList<string> Only { get; init; } = [];

    public bool Reset { get; init; }

    public bool NoInstall { get; init; }

    public string[] RemainingArguments { get; init; } = [];

    public static AppHostOptions Parse(string[] args)
    {
        var options = new AppHostOptions();
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--run-dir" => options with { RunDirectory = ValueAfter(args, ref i) },
                "--headless" => options with { Headless = true },
                "--only" => options with { Only = ValueAfter(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--reset" => options with { Reset = true },
                "--no-install" => options with { NoInstall = true },
                _ => Keep(options, rest, args[i]),
            };
        }

        return options with { RemainingArguments = [.. rest] };
    }

    private static AppHostOptions Keep(AppHostOptions options, List<string> rest, string arg)
    {
        rest.Add(arg);
        return options;
    }

    private static string ValueAfter(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new AppHostException($"{args[i - 1]} needs a value.");
}

/// <summary>An expected failure (bad argument, missing prerequisite): shown as one line, never a stack trace.</summary>
public sealed class AppHostException(string message) : Exception(message);
