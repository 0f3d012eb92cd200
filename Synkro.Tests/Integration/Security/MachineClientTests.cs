using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Synkro.Security;

namespace Synkro.Tests.Integration.Security;

/// <summary>Machine clients: created by an admin, signed in with client_credentials, held to their role, and gone when deleted.</summary>
[CancelAfter(Deadlines.Test)]
[Category("Security")]
public sealed class MachineClientTests
{
    [Test]
    public async Task A_machine_client_gets_tokens_with_its_role_until_it_is_deleted()
    {
        var admin = (await SystemFixture.Accounts.ForRoleAsync(Roles.Admin)).AccessToken;
        using var created = await Edge.SendAsync(HttpMethod.Post, "/api/clients", admin, new { name = "Stock report exporter", role = Roles.Viewer });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var client = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (id, secret) = (client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!);

        using (var listed = await Edge.GetAsync("/api/clients", admin))
        {
            var body = await listed.Content.ReadAsStringAsync();
            Assert.That(body, Does.Contain(id).And.Not.Contain(secret), "listed, without its secret");
        }

        using var token = await TokenAsync(id, secret);
        var json = await token.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        var access = json.GetProperty("access_token").GetString()!;
        Assert.That(ForgedTokens.Payload(access)["role"]!.GetValue<string>(), Is.EqualTo(Roles.Viewer));
        using (var read = await Edge.GetAsync("/api/inventory/items?limit=1", access))
        using (var write = await Edge.SendAsync(HttpMethod.Post, "/api/inventory/items", access, new { sku = $"MC-{Guid.NewGuid():N}"[..12], name = "x" }))
        using (var users = await Edge.GetAsync("/api/users", access))
        {
            Assert.Multiple(() =>
            {
                Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a viewer reads");
                Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a viewer does not write");
                Assert.That(users.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a machine client is no admin");
            });
        }

        using (var wrongSecret = await TokenAsync(id, secret + "x"))
        {
            Assert.That(await wrongSecret.Content.ReadAsStringAsync(), Does.Contain("invalid_client"));
        }

        using (var deleted = await Edge.SendAsync(HttpMethod.Delete, $"/api/clients/{id}", admin))
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using var afterDelete = await TokenAsync(id, secret);
        Assert.That(await afterDelete.Content.ReadAsStringAsync(), Does.Contain("invalid_client"), "a deleted client gets no more tokens");
    }

    [TestCase(Roles.Clerk, "viewer", HttpStatusCode.Forbidden)]
    [TestCase(Roles.Admin, "admin", HttpStatusCode.BadRequest)]
    [TestCase(Roles.Admin, "customer", HttpStatusCode.BadRequest)]
    public async Task Only_an_admin_creates_machine_clients_and_never_with_admin_or_customer_rights(string caller, string role, HttpStatusCode expected)
    {
        var token = (await SystemFixture.Accounts.ForRoleAsync(caller)).AccessToken;
        using var response = await Edge.SendAsync(HttpMethod.Post, "/api/clients", token, new { name = "tool", role });
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> TokenAsync(string clientId, string secret) =>
        Edge.Shared.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
}
