namespace Synkro.Inventory.Seeding;

/// <summary>
/// <c>dotnet run --project Synkro.Inventory -- seed [--items N] [--warehouses N] [--prefix P] [--history N] [--seed N] [--connection CS]</c>.
/// Without --connection it uses ConnectionStrings__inventorydb, as the service does.
/// </summary>
public static class SeedCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new DemoDataOptions();
        string? connection = Environment.GetEnvironmentVariable("ConnectionStrings__inventorydb");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--items" => options with { Items = int.Parse(value) },
                "--warehouses" => options with { Warehouses = int.Parse(value) },
                "--prefix" => options with { Prefix = value },
                "--history" => options with { MovementsPerLevel = int.Parse(value) },
                "--seed" => options with { Seed = int.Parse(value) },
                "--connection" => options,
                _ => throw new ArgumentException($"Unknown option {args[i]}; see docs/inventory.md."),
            };
            connection = args[i] == "--connection" ? value : connection;
        }

        if (string.IsNullOrWhiteSpace(connection))
        {
            await Console.Error.WriteLineAsync("No database: pass --connection or set ConnectionStrings__inventorydb (the AppHost's secrets.json has it).");
            return 2;
        }

        var summary = await DemoDataGenerator.SeedAsync(connection, options, line => Console.WriteLine($"  {line}"), CancellationToken.None);
        Console.WriteLine($"Seeded {summary.Items} items, {summary.Warehouses} warehouses, {summary.Levels} levels and {summary.Movements} movements in {summary.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }
}
