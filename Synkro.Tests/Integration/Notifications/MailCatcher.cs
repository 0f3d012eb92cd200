using System.Net.Http.Json;

namespace Synkro.Tests.Integration.Notifications;

/// <summary>The mails Synkro sent, read back from smtp4dev's API (the <c>mail</c> resource's http endpoint), as a developer sees them in its web UI.</summary>
internal static class MailCatcher
{
    public sealed record Mail(Guid Id, string From, string[] To, string Subject, DateTimeOffset ReceivedDate);

    private sealed record Page(List<Mail> Results);

    private static HttpClient Http => http ??= new HttpClient { BaseAddress = SystemFixture.App.GetEndpoint(ResourceNames.Mail, "http"), Timeout = Deadlines.Request };

    public static async Task<List<Mail>> ToAsync(string recipient, string subjectContains)
    {
        var page = await Http.GetFromJsonAsync<Page>("/api/messages?pageSize=1000");
        return [.. page!.Results.Where(m => m.To.Contains(recipient, StringComparer.OrdinalIgnoreCase) && m.Subject.Contains(subjectContains, StringComparison.Ordinal))];
    }

    /// <summary>Waits until <paramref name="count"/> such mails have arrived; fails saying how many did.</summary>
    public static async Task<List<Mail>> WaitForAsync(string recipient, string subjectContains, int count)
    {
        var deadline = Deadlines.In(Deadlines.Eventually);
        while (true)
        {
            var mails = await ToAsync(recipient, subjectContains);
            if (mails.Count >= count)
            {
                return mails;
            }

            Assert.That(deadline.Passed, Is.False, $"{mails.Count} of {count} mails to {recipient} about '{subjectContains}' after {deadline}");
            await Task.Delay(250);
        }
    }

    public static Task<string> TextAsync(Mail mail) => Http.GetStringAsync($"/api/messages/{mail.Id}/plaintext");

    public static Task<string> HtmlAsync(Mail mail) => Http.GetStringAsync($"/api/messages/{mail.Id}/html");

    private static HttpClient? http;
}
