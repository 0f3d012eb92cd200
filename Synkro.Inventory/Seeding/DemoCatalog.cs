using System.Text.Json;

namespace Synkro.Inventory.Seeding;

/// <summary>The vocabulary demo items are made of: categories people recognise, names that read like products.</summary>
public static class DemoCatalog
{
    public sealed record Category(string Code, string Name, decimal BasePrice, string[] Nouns, string[] Materials, string[] Sizes);

    public static readonly Category[] Categories =
    [
        new("HW", "Hardware", 4m, ["Bolt", "Hex Nut", "Wood Screw", "Hinge", "Bracket", "Anchor", "Washer", "Padlock", "Chain", "Hook"], ["Steel", "Stainless", "Brass", "Zinc-plated", "Galvanised"], ["M4", "M6", "M8", "M10", "M12"]),
        new("EL", "Electrical", 12m, ["Cable", "Socket", "Switch", "LED Bulb", "Extension Lead", "Fuse", "Junction Box", "Dimmer", "Adapter", "Timer"], ["PVC", "Copper", "Ceramic", "Nylon"], ["1m", "3m", "5m", "10m", "E27", "GU10"]),
        new("PL", "Plumbing", 9m, ["Pipe", "Elbow", "Valve", "Tap", "Siphon", "Coupling", "Seal", "Hose", "Shower Head", "Drain"], ["Copper", "PVC", "Brass", "Chrome"], ["15mm", "22mm", "28mm", "1/2\"", "3/4\""]),
        new("GA", "Garden", 15m, ["Rake", "Spade", "Hose Reel", "Planter", "Sprinkler", "Shears", "Wheelbarrow", "Trowel", "Seed Tray", "Watering Can"], ["Steel", "Ash", "Recycled Plastic", "Terracotta"], ["Small", "Medium", "Large"]),
        new("OF", "Office", 6m, ["Notebook", "Stapler", "Binder", "Desk Lamp", "Monitor Arm", "Pen Set", "Whiteboard", "Shredder", "Label Maker", "Chair Mat"], ["Recycled", "Aluminium", "Bamboo", "Leather"], ["A4", "A5", "Letter", "Standard"]),
        new("KI", "Kitchen", 18m, ["Chef Knife", "Frying Pan", "Saucepan", "Cutting Board", "Kettle", "Mixing Bowl", "Colander", "Whisk", "Baking Tray", "Storage Jar"], ["Cast Iron", "Stainless", "Oak", "Glass", "Enamel"], ["20cm", "24cm", "28cm", "1L", "2L"]),
        new("AP", "Apparel", 25m, ["T-Shirt", "Hoodie", "Work Trousers", "Safety Boots", "Gloves", "Rain Jacket", "Beanie", "Socks", "Fleece", "Overalls"], ["Cotton", "Merino", "Recycled Polyester", "Denim"], ["XS", "S", "M", "L", "XL", "XXL"]),
        new("SP", "Sports", 30m, ["Yoga Mat", "Dumbbell", "Football", "Tennis Racket", "Water Bottle", "Skipping Rope", "Kettlebell", "Resistance Band", "Helmet", "Backpack"], ["Neoprene", "Carbon", "Rubber", "Aluminium"], ["2kg", "5kg", "10kg", "Size 5", "One Size"]),
        new("AU", "Automotive", 22m, ["Wiper Blade", "Brake Pad", "Oil Filter", "Spark Plug", "Floor Mat", "Jump Starter", "Tyre Inflator", "Car Wax", "Roof Box", "Tow Rope"], ["Rubber", "Ceramic", "Synthetic", "Steel"], ["Universal", "Compact", "Estate", "SUV"]),
        new("TO", "Toys", 14m, ["Building Blocks", "Puzzle", "Plush Bear", "Wooden Train", "Kite", "Board Game", "Doll House", "Marble Run", "Toy Car", "Art Set"], ["Wooden", "Organic Cotton", "Recycled Plastic", "Cardboard"], ["100pc", "500pc", "1000pc", "Junior", "Family"]),
    ];

    public static readonly string[] Adjectives = ["Heavy-duty", "Compact", "Premium", "Classic", "Eco", "Pro", "Everyday", "Slim", "Rugged", "Deluxe", "Essential", "Smart"];

    public static readonly string[] Colours = ["black", "white", "grey", "red", "blue", "green", "yellow", "natural", "silver", "orange"];

    public static readonly (string Code, string Name, string City, string PostalCode, string Country)[] Sites =
    [
        ("BER", "Berlin Central", "Berlin", "10115", "DE"), ("HAM", "Hamburg Port", "Hamburg", "20457", "DE"), ("MUC", "Munich South", "Munich", "81369", "DE"),
        ("RTM", "Rotterdam Hub", "Rotterdam", "3011", "NL"), ("LYS", "Lyon Est", "Lyon", "69003", "FR"), ("MIL", "Milano Nord", "Milan", "20156", "IT"),
        ("MAD", "Madrid Sur", "Madrid", "28021", "ES"), ("WAW", "Warsaw West", "Warsaw", "01-248", "PL"), ("PRG", "Prague Logistics", "Prague", "190 00", "CZ"),
        ("VIE", "Vienna Danube", "Vienna", "1220", "AT"), ("CPH", "Copenhagen North", "Copenhagen", "2150", "DK"), ("DUB", "Dublin Airport", "Dublin", "K67", "IE"),
    ];

    /// <summary>One item, all of it derived from its index, so any pass over the catalogue sees the same item.</summary>
    public static (string Sku, string Name, string Description, Category Category, string Attributes, decimal Price, int Low, int Over) Item(string prefix, int index, Random random)
    {
        var category = Categories[index % Categories.Length];
        var adjective = Adjectives[random.Next(Adjectives.Length)];
        var material = category.Materials[random.Next(category.Materials.Length)];
        var noun = category.Nouns[random.Next(category.Nouns.Length)];
        var size = category.Sizes[random.Next(category.Sizes.Length)];
        var colour = Colours[random.Next(Colours.Length)];
        var name = $"{adjective} {material} {noun} {size}";
        var description = $"{adjective} {noun.ToLowerInvariant()} in {material.ToLowerInvariant()}, {colour}, size {size}. {category.Name} range.";
        var attributes = JsonSerializer.Serialize(new { colour, size, material, weightKg = Math.Round(0.05 + random.NextDouble() * 12, 2) });
        // Prices spread log-normally around the category's base price.
        var price = Math.Round(category.BasePrice * (decimal)Math.Exp(random.NextDouble() * 2.5 - 0.8), 2);
        var low = 5 + random.Next(20);
        return ($"{prefix}-{category.Code}-{index:D7}", name, description, category, attributes, price, low, low * 40 + random.Next(500));
    }
}
