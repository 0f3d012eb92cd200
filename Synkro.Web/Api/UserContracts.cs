namespace Synkro.Web.Api;

// The web app's own copies of what the gateway's user administration answers.

public sealed record UserAccount(Guid Id, string UserName, string? Email, string Role, bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record NewUser(string Username, string Email, string Password, string Role);
