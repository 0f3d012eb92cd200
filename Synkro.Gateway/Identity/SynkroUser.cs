using Microsoft.AspNetCore.Identity;

namespace Synkro.Gateway.Identity;

/// <summary>A person who signs in: one role (Synkro.Security.Roles), and an active flag an admin can clear.</summary>
public sealed class SynkroUser : IdentityUser<Guid>
{
    public required string Role { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
