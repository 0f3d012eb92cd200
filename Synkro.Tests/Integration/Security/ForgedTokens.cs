using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Synkro.Tests.Integration.Security;

/// <summary>
/// Access tokens made outside the gateway, from a real one: its claims changed and signed again with
/// the gateway's real signing key (read from identitydb and decrypted with the identity secret, as an
/// insider could), signed with other keys, or not signed at all. A re-signed copy with unchanged claims
/// must pass, which shows the others fail for the reason they were made.
/// </summary>
internal static class ForgedTokens
{
    public static string Header(string token) => Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.Split('.')[0]));

    public static JsonObject Payload(string token) => JsonNode.Parse(Base64UrlEncoder.DecodeBytes(token.Split('.')[1]))!.AsObject();

    /// <summary>The claims of <paramref name="token"/>, changed, with a new jti, signed by the gateway's key that signed it.</summary>
    public static async Task<string> ResignAsync(string token, Action<JsonObject> change)
    {
        var kid = JsonNode.Parse(Header(token))!["kid"]!.GetValue<string>();
        using var key = await RealKeyAsync(kid);
        var payload = Payload(token);
        payload["jti"] = Guid.NewGuid().ToString();
        change(payload);
        return Sign(payload, new ECDsaSecurityKey(key) { KeyId = kid });
    }

    /// <summary>Valid claims, signed by a key the gateway never published.</summary>
    public static string WithUnknownKey(string token)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var payload = Payload(token);
        payload["jti"] = Guid.NewGuid().ToString();
        return Sign(payload, new ECDsaSecurityKey(key) { KeyId = $"unknown-{Guid.NewGuid():N}" });
    }

    /// <summary>The classic confusion attack: <c>alg: HS256</c>, with the published public key as the HMAC secret.</summary>
    public static async Task<string> HmacWithPublicKeyAsync(string token)
    {
        var kid = JsonNode.Parse(Header(token))!["kid"]!.GetValue<string>();
        using var key = await RealKeyAsync(kid);
        var secret = Encoding.ASCII.GetBytes(key.ExportSubjectPublicKeyInfoPem());
        var unsigned = $"{Encode(new JsonObject { ["alg"] = "HS256", ["typ"] = "at+jwt", ["kid"] = kid })}.{Encode(Payload(token))}";
        return $"{unsigned}.{Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(unsigned)))}";
    }

    /// <summary><c>alg: none</c> and no signature.</summary>
    public static string Unsigned(string token)
    {
        var kid = JsonNode.Parse(Header(token))!["kid"]!.GetValue<string>();
        return $"{Encode(new JsonObject { ["alg"] = "none", ["typ"] = "at+jwt", ["kid"] = kid })}.{Encode(Payload(token))}.";
    }

    /// <summary>The payload changed (role raised to admin) under the original signature.</summary>
    public static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = Payload(token);
        payload["role"] = "admin";
        return $"{parts[0]}.{Encode(payload)}.{parts[2]}";
    }

    public static long UnixNow(TimeSpan offset) => DateTimeOffset.UtcNow.Add(offset).ToUnixTimeSeconds();

    private static string Sign(JsonObject payload, SecurityKey key)
    {
        // The default factory caches a signer per key id; ours dispose their ECDsa after one token.
        key.CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false };
        return new JsonWebTokenHandler().CreateToken(
            payload.ToJsonString(),
            new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
            new Dictionary<string, object> { ["typ"] = "at+jwt" });
    }

    private static string Encode(JsonNode node) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(node));

    private static async Task<ECDsa> RealKeyAsync(string kid)
    {
        var secret = await SystemFixture.App.Resources.OfType<ParameterResource>().Single(p => p.Name == "identity-secret").GetValueAsync(CancellationToken.None);
        await using var connection = new NpgsqlConnection(SystemFixture.App.GetConnectionString(ResourceNames.IdentityDb));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "EncryptedPrivateKey" FROM identity.signing_keys WHERE "Id" = @kid""", connection);
        command.Parameters.AddWithValue("kid", kid);
        var encrypted = (byte[])(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No signing key {kid} in identitydb"));
        var key = ECDsa.Create();
        key.ImportEncryptedPkcs8PrivateKey(secret, encrypted, out _);
        return key;
    }
}
