using Microsoft.EntityFrameworkCore;
using Synkro.Web.Data;

namespace Synkro.Web.Branding;

/// <summary>
/// The brand every page draws with: read from webdb once, then kept here, and replaced when someone
/// saves new settings, at which moment every open page of this web app redraws with it (the layouts
/// listen to <see cref="Changed"/>). With more than one web replica, the others would show it on their
/// next start or reload of the settings; the UI runs as one replica today.
/// </summary>
public sealed class BrandingState(IServiceScopeFactory scopes, TimeProvider clock)
{
    private BrandingSettings? current;

    public event Action<BrandingSettings>? Changed;

    public async Task<BrandingSettings> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (current is { } known)
        {
            return known;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        return current = await db.Branding.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? BrandingSettings.Default;
    }

    public async Task SaveAsync(BrandingForm form, string by, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        var row = await db.Branding.SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            row = new BrandingSettings { Name = form.Name, PrimaryColor = form.PrimaryColor, SecondaryColor = form.SecondaryColor };
            db.Branding.Add(row);
        }

        (row.Name, row.PrimaryColor, row.SecondaryColor, row.DarkMode, row.LogoDataUrl) = (form.Name.Trim(), form.PrimaryColor.ToUpperInvariant(), form.SecondaryColor.ToUpperInvariant(), form.DarkMode, form.LogoDataUrl);
        (row.UpdatedAt, row.UpdatedBy) = (clock.GetUtcNow(), by);
        await db.SaveChangesAsync(cancellationToken);
        current = row;
        Changed?.Invoke(row);
    }
}
