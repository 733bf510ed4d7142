package io.forkcast.notifications;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends a {@link Letters.Letter} through Spring's {@link JavaMailSender}: the SMTP server of {@code spring.mail.*},
 * or the sandbox's on the embedded default. A failure is thrown, so the event listener that asked stays unfinished
 * and is run again later. Logs and metrics name the kind of e-mail only: never an address, a link or a body.
 */
@Component
class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final ObjectProvider<JavaMailSender> senders;
    private final InternetAddress from;
    private final InternetAddress replyTo;
    private final MeterRegistry meters;

    Mailer(ObjectProvider<JavaMailSender> senders, NotificationProperties properties, MeterRegistry meters) {
        this.senders = senders;
        this.from = address(properties.from(), "forkcast.mail.from");
        this.replyTo = properties.replyTo() == null || properties.replyTo().isBlank() ? null
                : address(properties.replyTo(), "forkcast.mail.reply-to");
        this.meters = meters;
    }

    void send(String kind, List<String> to, Letters.Letter letter) {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            log.warn("E-mail is off, {} not sent: set spring.mail.host to send e-mail", kind);
            meters.counter("forkcast.mail.sent", "kind", kind, "result", "off").increment();
            return;
        }
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            if (replyTo != null) {
                helper.setReplyTo(replyTo);
            }
            helper.setTo(to.toArray(String[]::new));
            helper.setSubject(letter.subject());
            helper.setText(letter.text(), letter.html());
        } catch (MessagingException e) {
            throw new MailPreparationException("E-mail " + kind + " could not be written", e);
        }
        try {
            sender.send(message);
        } catch (MailException e) {
            meters.counter("forkcast.mail.sent", "kind", kind, "result", "failed").increment();
            log.warn("E-mail {} could not be sent ({}); it will be tried again", kind, e.getClass().getSimpleName());
            throw e;
        }
        meters.counter("forkcast.mail.sent", "kind", kind, "result", "sent").increment();
        log.info("E-mail {} sent to {} recipient(s)", kind, to.size());
    }

    private static InternetAddress address(String value, String property) {
        try {
            return new InternetAddress(value, true);
        } catch (AddressException e) {
            throw new IllegalStateException(property + " is not an e-mail address: " + e.getMessage());
        }
    }
}
