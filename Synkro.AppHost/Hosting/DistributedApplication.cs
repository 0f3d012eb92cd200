using Synkro.Hosting.Orchestration;

namespace Synkro.Hosting;

/// <summary>The application model, built: <see cref="Run"/> starts every resource and stops them on Ctrl+C or SIGTERM.</summary>
public sealed class DistributedApplication
{
    private readonly DistributedApplicationBuilder builder;

    internal DistributedApplication(DistributedApplicationBuilder builder) => this.builder = builder;

    public static DistributedApplicationBuilder CreateBuilder(string[] args)
    {
        try
        {
            return new DistributedApplicationBuilder(args);
        }
        catch (AppHostException e)
        {
            Environment.Exit(Fail(e));
            throw;
        }
    }

    public void Run() => Environment.ExitCode = RunAsync().GetAwaiter().GetResult();

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await new AppHostRun(builder).RunAsync(cancellationToken);
        }
        catch (AppHostException e)
        {
            return Fail(e);
        }
    }

    // Expected failures are one line on stderr and exit code 2; a stack trace would bury the cause.
    private static int Fail(AppHostException e)
    {
        Console.Error.WriteLine($"Synkro.AppHost: {e.Message}");
        return 2;
    }
}
