using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using NUnit.Framework;

namespace Synkro.Tests.ServiceDefaults;

[TestFixture]
[CancelAfter(Deadlines.Test)]
[Category("ServiceDefaults")]
public sealed class DefaultEndpointsTests
{
    [Test]
    public async Task Alive_runs_only_live_checks_and_health_reports_every_check_by_name()
    {
        await using var app = await StartAsync(builder => builder.Services.AddHealthChecks()
            .AddCheck("broken", () => HealthCheckResult.Unhealthy("Broken thing", new InvalidOperationException("it broke")), ["ready"]));
        using var client = app.GetTestClient();

        using var alive = await client.GetAsync("/alive");
        using var health = await client.GetAsync("/health");

        Assert.That(alive.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        var broken = json.RootElement.GetProperty("entries").GetProperty("broken");
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("Unhealthy"));
            Assert.That(json.RootElement.GetProperty("totalDuration").GetString(), Is.Not.Empty);
            Assert.That(broken.GetProperty("description").GetString(), Is.EqualTo("Broken thing"));
            Assert.That(broken.GetProperty("exception").GetString(), Is.EqualTo("it broke"));
            Assert.That(broken.GetProperty("tags")[0].GetString(), Is.EqualTo("ready"));
            Assert.That(broken.GetProperty("data").ValueKind, Is.EqualTo(JsonValueKind.Object));
        });
    }

    [Test]
    public async Task An_unhandled_exception_becomes_problem_details_without_a_stack_trace()
    {
        await using var app = await StartAsync(configureApp: app => app.MapGet("/boom", string () => throw new InvalidOperationException("secret detail")));
        using var client = app.GetTestClient();

        using var response = await client.GetAsync("/boom");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(body, Does.Not.Contain("secret detail").And.Not.Contain("   at "));
    }

    [Test]
    public async Task A_database_that_is_down_fails_its_check_within_the_health_timeout()
    {
        await using var app = await StartAsync(builder =>
        {
            builder.Configuration["ConnectionStrings:testdb"] = "Host=127.0.0.1;Port=1;Database=testdb;Username=x;Password=y;Timeout=2";
            builder.AddNpgsqlDbContext<TestDbContext>("testdb");
        });
        using var client = app.GetTestClient();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await client.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body);
        Assert.That(json.RootElement.GetProperty("entries").GetProperty(nameof(TestDbContext)).GetProperty("status").GetString(), Is.EqualTo("Unhealthy"), body);
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "the check's retries are cut off by its timeout, not left to run for a minute");
    }

    [Test]
    public async Task A_missing_connection_string_fails_the_check_and_names_the_key()
    {
        await using var app = await StartAsync(builder => builder.AddNpgsqlDbContext<TestDbContext>("absentdb"));
        using var client = app.GetTestClient();

        using var response = await client.GetAsync("/health");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(json.RootElement.GetProperty("entries").GetProperty(nameof(TestDbContext)).GetProperty("exception").GetString(), Does.Contain("ConnectionStrings:absentdb"));
        var error = Assert.Catch(() => app.Services.CreateScope().ServiceProvider.GetRequiredService<TestDbContext>());
        Assert.That(error!.Message, Does.Contain("ConnectionStrings:absentdb"));
    }

    private static async Task<WebApplication> StartAsync(Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? configureApp = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        configureApp?.Invoke(app);
        await app.StartAsync();
        return app;
    }

    public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options);
}
