using System.ComponentModel.DataAnnotations;

namespace Synkro.Inventory.Http;

/// <summary>A Guid that is present and not all zeroes (a client's default value is not an id).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class NotEmptyAttribute : ValidationAttribute
{
    public NotEmptyAttribute() : base("The {0} field must not be an empty id.")
    {
    }

    public override bool IsValid(object? value) => value is not Guid id || id != Guid.Empty;
}
