using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Synkro.Notifications.Deliveries;

namespace Synkro.Notifications.Email;

/// <summary>Sends one delivery over SMTP with MailKit: plain text and HTML, its id as the Message-ID, so a duplicate is recognisable.</summary>
public sealed class EmailSender(MailSettings settings)
{
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

        using var smtp = new SmtpClient { Timeout = 30_000 };
        await smtp.ConnectAsync(settings.Host, settings.Port, settings.ImplicitTls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
        if (settings.UserName is not null)
        {
            await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        }

        await smtp.SendAsync(message, cancellationToken);
        await smtp.DisconnectAsync(quit: true, cancellationToken);
    }
}
