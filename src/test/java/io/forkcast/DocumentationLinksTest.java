package io.forkcast;

import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link in the README, under {@code docs/} and in {@code bench/README.md} points at a file that exists,
 * and a {@code #anchor} into a Markdown file names one of its headings, with the heading ids GitHub gives them (lower
 * case, punctuation dropped, spaces to hyphens). Links inside code are not links and are left alone.
 */
class DocumentationLinksTest {

    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:|^//");
    private static final Pattern HEADING_ID = Pattern.compile("<h[1-6] id=\"([^\"]+)\"");

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .extensions(List.of(HeadingAnchorExtension.create())).build();

    @Test
    void everyRelativeLinkInTheDocumentationResolves() throws IOException {
        Path root = Path.of("");
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("bench/README.md")));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(files::add);
        }

        assertThat(files).contains(Path.of("docs/architecture.md"), Path.of("docs/api.md"));
        assertThat(brokenLinks(files)).as("broken links in the documentation").isEmpty();
    }

    @Test
    void aMissingFileOrHeadingIsReportedAndCodeIsNotALink(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/guide.md"), """
                # The guide

                ## Signing in (`/app/sign-in`)

                Back to the [start](../README.md#forkcast).
                """);
        Files.writeString(root.resolve("README.md"), """
                # Forkcast

                See [the guide](docs/guide.md), [signing in](docs/guide.md#signing-in-appsign-in),
                [the top](#forkcast), [a site](https://example.com/missing.md) and [mail](mailto:a@example.com).
                Broken: [gone](docs/gone.md), [no such heading](docs/guide.md#signing-out) and [here](#nowhere).

                ```sh
                cat [not a link](docs/none.md)
                ```
                Nor is `[this](docs/none.md)`.
                """);

        assertThat(brokenLinks(List.of(root.resolve("README.md"), root.resolve("docs/guide.md"))))
                .containsExactly(
                        root.resolve("README.md") + ": docs/gone.md (no such file)",
                        root.resolve("README.md") + ": docs/guide.md#signing-out (no such heading)",
                        root.resolve("README.md") + ": #nowhere (no such heading)");
    }

    private List<String> brokenLinks(List<Path> files) {
        List<String> broken = new ArrayList<>();
        for (Path file : files) {
            for (String destination : linksIn(file)) {
                if (SCHEME.matcher(destination).find()) {
                    continue;
                }
                int hash = destination.indexOf('#');
                String path = decode(hash < 0 ? destination : destination.substring(0, hash));
                String anchor = hash < 0 ? null : decode(destination.substring(hash + 1));
                Path target = path.isEmpty() ? file : file.toAbsolutePath().getParent().resolve(path).normalize();
                if (!Files.exists(target)) {
                    broken.add(file + ": " + destination + " (no such file)");
                } else if (anchor != null && target.toString().endsWith(".md") && !headingIds(target).contains(anchor)) {
                    broken.add(file + ": " + destination + " (no such heading)");
                }
            }
        }
        return broken;
    }

    private List<String> linksIn(Path file) {
        List<String> destinations = new ArrayList<>();
        Consumer<String> add = destination -> {
            if (destination != null && !destination.isEmpty()) {
                destinations.add(destination);
            }
        };
        parse(file).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                add.accept(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                add.accept(image.getDestination());
                visitChildren(image);
            }
        });
        return destinations;
    }

    /** The ids the heading anchor extension gives, which follow GitHub's (duplicates get -1, -2 ...). */
    private Set<String> headingIds(Path file) {
        Set<String> ids = new HashSet<>();
        Matcher matcher = HEADING_ID.matcher(renderer.render(parse(file)));
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    private Node parse(Path file) {
        try {
            return parser.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
