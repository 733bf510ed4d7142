package io.forkcast.sandbox.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;


/**
 * The sandbox's outbox ({@code /sandbox/mail}): every e-mail Forkcast sent to the sandbox's SMTP server, newest
 * first, as plain text with its links clickable, so a newcomer on the embedded default can follow an invitation or
 * a password reset. Unprotected, like the rest of the sandbox: it exists only where the sandbox is on.
 */
@RestController
@RequestMapping("/sandbox/mail")
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class SandboxOutboxController {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private final ObjectProvider<GreenMail> smtp;

    SandboxOutboxController(ObjectProvider<GreenMail> smtp) {
        this.smtp = smtp;
    }

    @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> outbox() throws MessagingException, IOException {
        GreenMail server = smtp.getIfAvailable();
        StringBuilder body = new StringBuilder();
        if (server == null) {
            body.append("<p>Forkcast sends e-mail to the SMTP server of <code>spring.mail.host</code>, not to this "
                    + "outbox.</p>");
        } else {
            List<MimeMessage> messages = new ArrayList<>(Arrays.asList(server.getReceivedMessages()));
            body.append("<p>").append(messages.size()).append(messages.size() == 1 ? " e-mail" : " e-mails")
                    .append(" sent since Forkcast started, newest first.</p>");
            for (MimeMessage message : messages.reversed()) {
                body.append("<article style=\"border-top:1px solid #ccc;padding:.5rem 0\"><h2>")
                        .append(htmlEscape(message.getSubject() == null ? "(no subject)" : message.getSubject()))
                        .append("</h2><p><small>To ").append(htmlEscape(addresses(message.getAllRecipients())))
                        .append(" · from ").append(htmlEscape(addresses(message.getFrom())))
                        .append(" · ").append(message.getSentDate() == null ? "" : message.getSentDate().toInstant())
                        .append("</small></p><pre style=\"white-space:pre-wrap\">")
                        .append(linked(plainText(message))).append("</pre></article>");
            }
        }
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>Sandbox outbox</title></head>"
                + "<body style=\"font-family:system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem\">"
                + "<h1>Sandbox outbox</h1>" + body + "</body></html>";
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html);
    }

    /** Empties the outbox (tests, demos). */
    @DeleteMapping
    ResponseEntity<Void> empty() throws Exception {
        GreenMail server = smtp.getIfAvailable();
        if (server != null) {
            server.purgeEmailFromAllMailboxes();
        }
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    /** Only what HTML needs escaped ({@code < > & " '}): the page is UTF-8, so "Café" stays as it is. */
    private static String htmlEscape(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }

    private static String addresses(Address[] addresses) {
        return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString)
                .collect(Collectors.joining(", "));
    }

    /** The text/plain part (every e-mail of Forkcast has one), or the whole body when there is no part. */
    private static String plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String text = plainText(child);
                if (text != null) {
                    return text;
                }
            }
            return null;
        }
        return part instanceof MimeMessage message ? GreenMailUtil.getBody(message) : null;
    }

    /** Escaped text with each http(s) address made a link. */
    private static String linked(String text) {
        if (text == null) {
            return "";
        }
        String escaped = htmlEscape(text);
        Matcher links = LINK.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (links.find()) {
            links.appendReplacement(out, Matcher.quoteReplacement("<a href=\"" + links.group() + "\">" + links.group()
                    + "</a>"));
        }
        links.appendTail(out);
        return out.toString();
    }
}
