using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Synkro.Gateway.Identity;

namespace Synkro.Gateway.Tokens;

/// <summary>
/// The gateway's signing keys, shared by its replicas through identitydb. At start a gateway loads
/// them and, when the newest is older than the rotation period, retires it and creates the next (under
/// an advisory lock, so two replicas make one). The newest signs; retired keys stay published, so
/// tokens they signed validate, until those tokens have expired.
/// </summary>
public sealed partial class SigningKeyRing(IServiceScopeFactory scopes, IOptions<IdentitySettings> settings, TimeProvider clock, ILogger<SigningKeyRing> logger) : IHostedService
{
    private const long RotationLock = 0x53796e6b726f4b; // "SynkroK"
    private IReadOnlyList<ECDsaSecurityKey>? keys;

    /// <summary>Newest first; the first one signs.</summary>
    public IReadOnlyList<ECDsaSecurityKey> Keys => keys ?? throw new InvalidOperationException("The signing keys are loaded when the gateway starts.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        // Aspire's retrying strategy runs the whole transaction as one retriable unit.
        keys = await db.Database.CreateExecutionStrategy().ExecuteAsync(() => LoadAsync(db, cancellationToken));
    }

    private async Task<IReadOnlyList<ECDsaSecurityKey>> LoadAsync(IdentityDb db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var options = settings.Value;
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RotationLock})", cancellationToken);

        var current = await db.SigningKeys.Where(k => k.RetiredAt == null).OrderByDescending(k => k.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (current is null || current.CreatedAt + options.KeyRotationPeriod <= now)
        {
            current?.RetiredAt = now;
            current = Create(options.Secret, now);
            db.SigningKeys.Add(current);
            await db.SaveChangesAsync(cancellationToken);
            LogCreated(current.Id);
        }

        // A retired key is kept while a token it signed may still be valid.
        var publishedSince = now - options.AccessTokenLifetime - TimeSpan.FromMinutes(5);
        var published = await db.SigningKeys
            .Where(k => k.RetiredAt == null || k.RetiredAt > publishedSince)
            .OrderByDescending(k => k.CreatedAt)
            .ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [.. published.Select(k => Open(k, options.Secret))];
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static SigningKey Create(string secret, DateTimeOffset now)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var protection = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000);
        return new SigningKey
        {
            Id = $"{now:yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}",
            CreatedAt = now,
            EncryptedPrivateKey = ecdsa.ExportEncryptedPkcs8PrivateKey(secret, protection),
        };
    }

    private static ECDsaSecurityKey Open(SigningKey key, string secret)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportEncryptedPkcs8PrivateKey(secret, key.EncryptedPrivateKey, out _);
        return new ECDsaSecurityKey(ecdsa) { KeyId = key.Id };
    }

    [LoggerMessage(EventId = 1411, Level = LogLevel.Information, Message = "Created signing key {KeyId}; it signs from now on")]
    private partial void LogCreated(string keyId);
}
