using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Synkro.Notifications.Deliveries;

namespace Synkro.Notifications.Email;

/// <summary>
/// Sends one delivery over SMTP with MailKit: plain text and HTML, its id as the Message-ID, so a
/// duplicate is recognisable. Connections are kept and reused: connecting, greeting, TLS and
/// authenticating cost more than the mail. One that sat idle for a while is asked NOOP before it is
/// trusted again, one idle too long is closed, and one that failed a send is never reused.
/// </summary>
public sealed class EmailSender(MailSettings settings, TimeProvider clock) : IAsyncDisposable
{
    /// <summary>As many as Notifications sends at once.</summary>
    private const int MaxIdle = 8;

    /// <summary>Servers close idle sessions after minutes; well within that, reuse it as it is.</summary>
    private static readonly TimeSpan TrustedFor = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<(SmtpClient Client, long IdleSince)> idle = new();

    public async Task SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var message = new MimeMessage
        {
            Subject = delivery.Subject,
            MessageId = $"{delivery.Id}@synkro",
            Body = new BodyBuilder { TextBody = delivery.Text, HtmlBody = delivery.Html }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(delivery.Recipient));
        message.Headers.Add("X-Synkro-Alert", delivery.AlertId.ToString());

        var smtp = await RentAsync(cancellationToken);
        try
        {
            await smtp.SendAsync(message, cancellationToken);
        }
        catch
        {
            // Whatever state the session is in now, the next mail does not inherit it.
            smtp.Dispose();
            throw;
        }

        await ReturnAsync(smtp);
    }

    private async Task<SmtpClient> RentAsync(CancellationToken cancellationToken)
    {
        while (idle.TryDequeue(out var kept))
        {
            var quiet = clock.GetElapsedTime(kept.IdleSince);
            if (kept.Client.IsConnected && quiet < KeptFor)
            {
                try
                {
                    if (quiet > TrustedFor)
                    {
                        await kept.Client.NoOpAsync(cancellationToken);
                    }

                    return kept.Client;
                }
                catch (OperationCanceledException)
                {
                    kept.Client.Dispose();
                    throw;
                }
                catch (Exception)
                {
                    // Closed by the server meanwhile: the next one, or a new connection.
                }
            }

            await CloseAsync(kept.Client);
        }

        var smtp = new SmtpClient { Timeout = 30_000 };
        try
        {
            await smtp.ConnectAsync(settings.Host, settings.Port, settings.ImplicitTls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
            if (settings.UserName is not null)
            {
                await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
            }
        }
        catch
        {
            smtp.Dispose();
            throw;
        }

        return smtp;
    }

    private async Task ReturnAsync(SmtpClient smtp)
    {
        if (idle.Count >= MaxIdle)
        {
            await CloseAsync(smtp);
            return;
        }

        idle.Enqueue((smtp, clock.GetTimestamp()));
    }

    private static async Task CloseAsync(SmtpClient smtp)
    {
        try
        {
            if (smtp.IsConnected)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await smtp.DisconnectAsync(quit: true, quick.Token);
            }
        }
        catch (Exception gone) when (gone is IOException or OperationCanceledException or MailKit.ProtocolException or SmtpCommandException)
        {
            // Going anyway.
        }
        finally
        {
            smtp.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryDequeue(out var kept))
        {
            await CloseAsync(kept.Client);
        }
    }
}
