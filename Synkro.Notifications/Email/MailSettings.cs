using System.Data.Common;

namespace Synkro.Notifications.Email;

/// <summary>
/// The mail server, from the connection string "mail": <c>Endpoint=smtp://host:port</c> (STARTTLS
/// when the server offers it) or <c>smtps://</c> (TLS from the first byte), with <c>Username</c> and
/// <c>Password</c> when it wants them; <c>From</c> sets the sender (default <c>synkro@localhost</c>).
/// </summary>
public sealed record MailSettings(string Host, int Port, bool ImplicitTls, string? UserName, string? Password, string From)
{
    public static MailSettings Parse(string? connectionString)
    {
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString ?? "" };
        string? Get(string key) => parts.TryGetValue(key, out var value) ? value?.ToString() : null;
        if (!Uri.TryCreate(Get("Endpoint"), UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("smtp" or "smtps"))
        {
            throw new InvalidOperationException("ConnectionStrings:mail must hold Endpoint=smtp://host:port (or smtps://); the AppHost sets it.");
        }

        var implicitTls = endpoint.Scheme == "smtps";
        var port = endpoint.IsDefaultPort ? (implicitTls ? 465 : 25) : endpoint.Port;
        return new MailSettings(endpoint.Host, port, implicitTls, Get("Username"), Get("Password"), Get("From") ?? "synkro@localhost");
    }
}
