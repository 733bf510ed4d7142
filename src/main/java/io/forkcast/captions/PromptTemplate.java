package io.forkcast.captions;

import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The caption prompt, kept in a template file on the classpath ({@code captions/caption-prompt.txt}) with a
 * {@code === system ===} and a {@code === user ===} part and {@code {{name}}} placeholders. Values are inserted
 * as data: a value cannot close the {@code <item_description>} block or introduce a placeholder of its own.
 */
final class PromptTemplate {

    static final String DEFAULT_LOCATION = "captions/caption-prompt.txt";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");
    private static final String SYSTEM = "=== system ===";
    private static final String USER = "=== user ===";

    private final String system;
    private final String user;

    private PromptTemplate(String system, String user) {
        this.system = system;
        this.user = user;
    }

    static PromptTemplate load(String location) {
        String text;
        try (var in = new ClassPathResource(location).getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Caption prompt template " + location + " cannot be read", e);
        }
        int systemAt = text.indexOf(SYSTEM);
        int userAt = text.indexOf(USER);
        if (systemAt < 0 || userAt < systemAt) {
            throw new IllegalStateException("Caption prompt template " + location + " needs a '" + SYSTEM
                    + "' part followed by a '" + USER + "' part");
        }
        return new PromptTemplate(text.substring(systemAt + SYSTEM.length(), userAt).strip(),
                text.substring(userAt + USER.length()).strip());
    }

    CaptionBrief.Prompt render(Map<String, String> values) {
        return new CaptionBrief.Prompt(fill(system, values), fill(user, values));
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!values.containsKey(name)) {
                throw new IllegalStateException("The caption prompt template uses {{" + name + "}}, which has no value");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(asData(values.get(name))));
        }
        matcher.appendTail(out);
        return out.toString().replaceAll("\n{3,}", "\n\n").strip();
    }

    /** Neutralises what could break out of the prompt's structure; the text itself is kept. */
    static String asData(String value) {
        if (value == null) {
            return "";
        }
        return value.replaceAll("[\\p{Cntrl}&&[^\n\t]]", "")
                .replaceAll("(?i)</?item_description>", "")
                .replace("{{", "{ {")
                .replace("===", "= = =");
    }
}
