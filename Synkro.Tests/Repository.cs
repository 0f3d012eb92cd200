namespace Synkro.Tests;

/// <summary>The checkout the tests run from: the directory holding Synkro.sln above the test assembly.</summary>
public static class Repository
{
    /// <summary>A test compiled elsewhere (a scratch project) names the checkout with SYNKRO_REPO_ROOT.</summary>
    public static string Root => field ??= Find(AppContext.BaseDirectory)
        ?? Environment.GetEnvironmentVariable("SYNKRO_REPO_ROOT")
        ?? throw new DirectoryNotFoundException($"No Synkro.sln above {AppContext.BaseDirectory} and SYNKRO_REPO_ROOT is not set.");

    private static string? Find(string? directory) =>
        directory is null ? null : File.Exists(Path.Combine(directory, "Synkro.sln")) ? directory : Find(Path.GetDirectoryName(directory));
}
