package io.forkcast.notifications;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP server for the tests (GreenMail on 127.0.0.1), which can be stopped and started again on the same
 * port to play an outage, and what it received, read as a person reads an e-mail.
 */
final class Inbox {

    /** One received e-mail: a copy per recipient, as a mail server delivers it. */
    record Mail(String subject, String from, List<String> to, String text, String html) {

        /** The first link of the plain-text version. */
        String link() {
            Matcher link = Pattern.compile("https?://\\S+").matcher(text);
            if (!link.find()) {
                throw new AssertionError("No link in the e-mail: " + text);
            }
            return link.group();
        }
    }

    private GreenMail server;
    private final int port;

    Inbox() {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        port = server.getSmtp().getPort();
    }

    int port() {
        return port;
    }

    /** Points Spring Boot's mail sender at this server, as production points it at its own. */
    void serve(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.host", () -> "127.0.0.1");
        properties.add("spring.mail.port", this::port);
    }

    void stop() {
        server.stop();
    }

    /** Starts again on the same port (what was received before the stop is gone). */
    void restart() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /**
     * The e-mails sent to an address, oldest first. The server keeps a copy per recipient, and lists every copy of
     * a message that names the address: one per Message-ID is one e-mail the application sent.
     */
    List<Mail> of(String address) {
        Map<String, MimeMessage> sent = new LinkedHashMap<>();
        for (MimeMessage message : server.getReceivedMessagesForDomain(address)) {
            sent.putIfAbsent(messageId(message), message);
        }
        return sent.values().stream().map(Inbox::read).toList();
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (up to 20 s) until the address has {@code count} e-mails; answers them. */
    List<Mail> await(String address, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> of(address).size() >= count);
        return of(address);
    }

    private static Mail read(MimeMessage message) {
        try {
            return new Mail(message.getSubject(), addresses(message.getFrom()).getFirst(),
                    addresses(message.getRecipients(Message.RecipientType.TO)), part(message, "text/plain"),
                    part(message, "text/html"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = part(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
