package io.forkcast.notifications;

import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes e-mails from the templates {@code templates/mail/<name>.txt} (plain text) and {@code <name>.html}: every
 * e-mail carries both, so any mail program shows it. An engine of its own, apart from the dashboard's, so the
 * plain-text version is rendered as text (no HTML escaping) and the HTML one as HTML (everything escaped).
 */
@Component
class Letters {

    /** An e-mail ready to send. */
    record Letter(String subject, String text, String html) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu 'at' HH:mm",
            Locale.ENGLISH);

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    Letters() {
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 1));
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 2));
    }

    Letter write(String template, String subject, Map<String, Object> values) {
        Context context = new Context(Locale.ENGLISH, values);
        context.setVariable("subject", subject);
        return new Letter(subject, engine.process(template + ".txt", context),
                engine.process(template + ".html", context));
    }

    /** A moment as the restaurant reads it: "Tuesday 8 December 2026 at 18:00 (Europe/Paris)". */
    static String when(Instant instant, ZoneId zone) {
        return WHEN.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }
}
