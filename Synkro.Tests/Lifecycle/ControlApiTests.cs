using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Synkro.Tests.Hosting;

namespace Synkro.Tests.Lifecycle;

/// <summary>The AppHost's control API: where it is, who may use it, and how it says no.</summary>
[TestFixture]
[Category("Hosting")]
public sealed class ControlApiTests
{
    [Test]
    public async Task The_control_api_is_on_loopback_behind_this_runs_token_and_answers_with_problem_details()
    {
        await using var app = TestAppHost.Start(new TestAppHostOptions { Only = [ResourceNames.Cache] });
        var state = await app.WaitForHealthyAsync();
        var control = app.Secrets.Control!;
        Assert.That(state.ControlUrl, Is.EqualTo(control.Url).And.StartWith("http://127.0.0.1:"));
        Assert.That(File.ReadAllText(Path.Combine(app.RunDirectory, "state.json")), Does.Not.Contain(control.Token));

        using (var anonymous = app.CreateControlClient(authenticated: false))
        {
            Assert.That((await anonymous.GetAsync("/resources")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            var wrong = control.Token[..^1] + (control.Token[^1] == '0' ? '1' : '0');
            anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", wrong);
            using var guessed = await anonymous.PostAsync($"/resources/{ResourceNames.Cache}/commands/stop", null);
            Assert.That(guessed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using var client = app.CreateControlClient();
        using var unknown = await client.PostAsync("/resources/nosuchthing/commands/stop", null);
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknown.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));

        using var unsupported = await client.PostAsync($"/resources/{ResourceNames.Cache}/commands/explode", null);
        Assert.That(unsupported.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(unsupported.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));

        using var startWhileRunning = await client.PostAsync($"/resources/{ResourceNames.Cache}/commands/start", null);
        Assert.That(startWhileRunning.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));

        var listed = JsonSerializer.Deserialize<AppHostState>(await client.GetStringAsync("/resources"), AppHostState.Json)!;
        Assert.That(listed.RunId, Is.EqualTo(state.RunId));
        Assert.That(listed[ResourceNames.Cache].Pid, Is.EqualTo(state[ResourceNames.Cache].Pid));
        Assert.That(app.ReadState()![ResourceNames.Cache].State, Is.EqualTo("Healthy"), "refused commands change nothing");
    }

    [Test]
    public async Task A_database_takes_no_commands_its_server_does()
    {
        await using var app = TestAppHost.Start(new TestAppHostOptions { Only = [ResourceNames.IdentityDb] });
        await app.WaitForHealthyAsync();
        using var client = app.CreateControlClient();

        using var refused = await client.PostAsync($"/resources/{ResourceNames.IdentityDb}/commands/stop", null);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain(ResourceNames.Postgres));

        // The database follows its server: unhealthy while it is stopped, healthy again after it starts.
        await app.StopResourceAsync(ResourceNames.Postgres);
        await app.StartResourceAsync(ResourceNames.Postgres);
        await app.WaitForAsync(s => s[ResourceNames.IdentityDb].State == "Healthy", TimeSpan.FromSeconds(30), "identitydb healthy again");
    }
}
