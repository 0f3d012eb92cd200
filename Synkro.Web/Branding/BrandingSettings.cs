using System.ComponentModel.DataAnnotations;
using MudBlazor;

namespace Synkro.Web.Branding;

/// <summary>The installation's brand (design document 003's white label): one row, chosen in Settings.</summary>
public sealed class BrandingSettings
{
    public static readonly BrandingSettings Default = new() { Name = "Synkro", PrimaryColor = "#1F5FBF", SecondaryColor = "#00897B" };

    public int Id { get; init; } = 1;

    public required string Name { get; set; }

    public required string PrimaryColor { get; set; }

    public required string SecondaryColor { get; set; }

    public bool DarkMode { get; set; }

    /// <summary>A small image as a data URL (PNG, JPEG, SVG or WebP), shown in the app bar; none shows the name alone.</summary>
    public string? LogoDataUrl { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public MudTheme Theme() => new()
    {
        PaletteLight = new PaletteLight { Primary = PrimaryColor, Secondary = SecondaryColor, AppbarBackground = PrimaryColor },
        PaletteDark = new PaletteDark { Primary = PrimaryColor, Secondary = SecondaryColor },
    };
}

/// <summary>What an admin or manager may set, validated before it is saved.</summary>
public sealed class BrandingForm
{
    [Required, StringLength(BrandingRules.NameMaxLength, MinimumLength = 1)]
    public string Name { get; set; } = "";

    [Required, RegularExpression(BrandingRules.ColorPattern, ErrorMessage = "A colour is #RRGGBB, for example #1F5FBF.")]
    public string PrimaryColor { get; set; } = "";

    [Required, RegularExpression(BrandingRules.ColorPattern, ErrorMessage = "A colour is #RRGGBB, for example #00897B.")]
    public string SecondaryColor { get; set; } = "";

    public bool DarkMode { get; set; }

    public string? LogoDataUrl { get; set; }

    public static BrandingForm From(BrandingSettings settings) => new()
    {
        Name = settings.Name, PrimaryColor = settings.PrimaryColor, SecondaryColor = settings.SecondaryColor, DarkMode = settings.DarkMode, LogoDataUrl = settings.LogoDataUrl,
    };
}

public static class BrandingRules
{
    public const int NameMaxLength = 60;
    public const string ColorPattern = "^#[0-9A-Fa-f]{6}$";
    public const int LogoMaxBytes = 100 * 1024;

    /// <summary>Base64 of the largest logo, with its data URL prefix.</summary>
    public const int LogoMaxDataUrlLength = (LogoMaxBytes + 2) / 3 * 4 + 64;

    public static readonly string[] LogoTypes = ["image/png", "image/jpeg", "image/svg+xml", "image/webp"];
}
