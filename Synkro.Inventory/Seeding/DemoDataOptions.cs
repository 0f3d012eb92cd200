namespace Synkro.Inventory.Seeding;

/// <summary>How much demo data to make. Every value is derived from <see cref="Seed"/>: the same options make the same data.</summary>
public sealed record DemoDataOptions
{
    public int Items { get; init; } = 10_000;

    public int Warehouses { get; init; } = 6;

    /// <summary>Starts every SKU and warehouse code, so several data sets can live side by side.</summary>
    public string Prefix { get; init; } = "DEMO";

    /// <summary>Each item is stocked in 1 to this many warehouses.</summary>
    public int MaxLevelsPerItem { get; init; } = 3;

    /// <summary>Movements per level: a first receipt, then receipts and adjustments.</summary>
    public int MovementsPerLevel { get; init; } = 3;

    public int MinFirstReceipt { get; init; } = 20;

    public int MaxFirstReceipt { get; init; } = 400;

    /// <summary>Share of items archived (discontinued, kept for their history).</summary>
    public double ArchivedShare { get; init; } = 0.005;

    public int Seed { get; init; } = 20261122;
}

public sealed record DemoDataSummary(int Items, int Warehouses, long Levels, long Movements, TimeSpan Elapsed);
