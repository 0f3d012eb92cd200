using Aspire.Hosting.ApplicationModel;

namespace Synkro.AppHost.Hosting;

/// <summary>smtp4dev, the mail catcher, run as a DCP executable: SMTP for the services, a web UI and API for people and tests.</summary>
public sealed class MailCatcherResource(string name, string workingDirectory)
    : ExecutableResource(name, "dotnet", workingDirectory), IResourceWithConnectionString
{
    public EndpointReference SmtpEndpoint => field ??= new(this, "smtp");

    public EndpointReference HttpEndpoint => field ??= new(this, "http");

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Endpoint=smtp://{SmtpEndpoint.Property(EndpointProperty.Host)}:{SmtpEndpoint.Property(EndpointProperty.Port)}");

    public IEnumerable<KeyValuePair<string, ReferenceExpression>> GetConnectionProperties() => ConnectionProperties.For(SmtpEndpoint);
}

public static class MailExtensions
{
    /// <summary>
    /// Where Synkro sends email, as the connection string <c>Endpoint=smtp://host:port</c> (smtps:// for
    /// TLS from the first byte; <c>Username</c> and <c>Password</c> when the server wants them). A
    /// deployment gives the real server's as a secret parameter. A local run starts smtp4dev, a .NET
    /// tool in .config/dotnet-tools.json (the AppHost's build restores it), which keeps every mail in
    /// memory and shows it on its http endpoint, linked from the dashboard.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddMailServer(this IDistributedApplicationBuilder builder, string name)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.AddConnectionString(name);
        }

        var data = RunDirectory.DataFor(builder, name);
        var mail = new MailCatcherResource(name, Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..")));
        return builder.AddResource(mail)
            .WithEndpoint(name: "smtp", scheme: "tcp", isProxied: false)
            .WithHttpEndpoint(name: "http", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add("tool");
                context.Args.Add("run");
                context.Args.Add("smtp4dev");
                context.Args.Add(ReferenceExpression.Create($"--urls=http://127.0.0.1:{mail.HttpEndpoint.Property(EndpointProperty.TargetPort)}"));
                context.Args.Add(ReferenceExpression.Create($"--smtpport={mail.SmtpEndpoint.Property(EndpointProperty.TargetPort)}"));
                // IMAP and POP3 on ports of their own choosing (their defaults, 143 and 110, clash
                // between runs); messages in memory; nothing read from or written to the user's profile.
                foreach (var arg in new[] { "--imapport=0", "--pop3port=0", "--db=", "--messagestokeep=1000", "--nousersettings", $"--baseappdatapath={data}", "--hostname=localhost" })
                {
                    context.Args.Add(arg);
                }
            })
            // A tool for one developer: the workstation collector, not a heap per core (a server app's default).
            .WithEnvironment("DOTNET_gcServer", "0")
            .WithHttpHealthCheck("/api/messages", endpointName: "http")
            .WithIconName("Mail");
    }
}
