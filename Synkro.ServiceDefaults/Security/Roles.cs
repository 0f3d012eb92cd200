namespace Synkro.Security;

/// <summary>
/// The roles the gateway's identity puts in every token's <c>role</c> claim. Services authorize by
/// policies built on these names, so they are part of the token's contract and live here.
/// </summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Clerk = "clerk";
    public const string Viewer = "viewer";
    public const string Customer = "customer";

    /// <summary>Everyone who works for the business: the roles an admin creates.</summary>
    public static readonly string[] Staff = [Admin, Manager, Clerk, Viewer];

    public static readonly string[] All = [.. Staff, Customer];
}
