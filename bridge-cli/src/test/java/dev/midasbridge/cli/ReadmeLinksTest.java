package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the project's Markdown files (README.md, docs/, each module's README) names a file or folder
 * of the repository: no link leaves it ({@code ../shared/...}) or points at something that is not there. Links to
 * {@code http(s)} addresses and in-page anchors are not files and are left alone.
 */
class ReadmeLinksTest {
    /** {@code [text](target)} and {@code [text](target "title")}; images too. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("bridge-cli").resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "the project root is above " + Path.of("").toAbsolutePath());
        return dir;
    }

    /** The relative link targets of {@code markdown} (anchors and URLs left out), without their {@code #fragment}. */
    static List<String> relativeLinks(String markdown) {
        List<String> out = new ArrayList<>();
        Matcher m = LINK.matcher(markdown);
        while (m.find()) {
            String target = m.group(1);
            if (target.startsWith("#") || target.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                continue;
            }
            int hash = target.indexOf('#');
            out.add(hash < 0 ? target : target.substring(0, hash));
        }
        return out;
    }

    @Test
    void theLinkParserFindsRelativeLinksAndSkipsUrlsAndAnchors() {
        assertEquals(
                List.of("docs/API.md", "../shared/spec/API.md", "a.md"),
                relativeLinks("see [API](docs/API.md#4), [x](https://example.org/a.md), [y](#top),"
                        + " [old](../shared/spec/API.md) and [t](a.md \"title\")"));
    }

    @Test
    void everyRelativeLinkInTheProjectsMarkdownNamesAFileInTheRepository() throws IOException {
        Path root = projectRoot();
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> files = Files.walk(root, 3)) {
            files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !p.startsWith(root.resolve(".git")))
                    .filter(p -> root.relativize(p).getNameCount() > 1)
                    .filter(p -> !root.relativize(p).toString().contains("target"))
                    .forEach(docs::add);
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs) {
            for (String link : relativeLinks(Files.readString(doc))) {
                checked++;
                Path target = doc.getParent().resolve(link).normalize();
                if (!target.startsWith(root) || !Files.exists(target)) {
                    broken.add(root.relativize(doc) + ": " + link);
                }
            }
        }
        assertTrue(checked >= 3, "the README's links were found (" + checked + ")");
        assertEquals(List.of(), broken, "links to files that are not in the repository");
    }
}
