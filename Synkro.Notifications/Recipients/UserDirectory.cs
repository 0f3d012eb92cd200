using System.Net.Http.Headers;
using System.Net.Http.Json;
using Synkro.Security;

namespace Synkro.Notifications.Recipients;

public sealed record Recipient(Guid Id, string UserName, string Email, string Role);

/// <summary>
/// Who is behind a subscription, asked of the gateway's identity (<c>/api/users/recipients</c>) with
/// this service's own token, which carries the directory scope and nothing more. Nothing is copied:
/// a user deactivated or given another role stops receiving at once. A gateway that does not answer
/// fails the handler, and Wolverine tries the event again.
/// </summary>
public sealed class UserDirectory(IHttpClientFactory http, ServiceTokens tokens)
{
    public const string ClientName = "directory";

    private const int PageSize = 500;

    public async Task<IReadOnlyList<Recipient>> ResolveAsync(IReadOnlyCollection<string> roles, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var found = new List<Recipient>();
        foreach (var role in roles)
        {
            // Page by page, each starting after the last id of the one before.
            for (Guid? after = null; ;)
            {
                var page = await GetAsync($"/api/users/recipients?role={Uri.EscapeDataString(role)}&limit={PageSize}{(after is { } last ? $"&after={last}" : "")}", cancellationToken);
                found.AddRange(page);
                if (page.Count < PageSize)
                {
                    break;
                }

                after = page[^1].Id;
            }
        }

        foreach (var chunk in userIds.Chunk(100))
        {
            found.AddRange(await GetAsync("/api/users/recipients?" + string.Join('&', chunk.Select(id => $"id={id}")), cancellationToken));
        }

        return found.DistinctBy(r => r.Id).ToList();
    }

    private async Task<List<Recipient>> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var client = http.CreateClient(ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(cancellationToken));
        using var response = await client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<Recipient>>(cancellationToken) ?? [];
    }
}
