package org.caseexchange.gateway.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README, docs/ and every package-info say what is true now: the story of how the code got there
 * (issue numbers, work "in progress", components "planned" or "not wired yet") belongs in commit
 * messages and CHANGELOG.md, where it cannot go stale in front of a reader.
 */
class DocumentationTruthTest {

    /** Phrases that tell history or promises instead of what is. */
    static final List<Pattern> HISTORY = List.of(
            Pattern.compile("\\bissues?\\s*#?\\d+", Pattern.CASE_INSENSITIVE),
            Pattern.compile("not wired yet", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bplanned\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bin progress\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bstill to come\\b", Pattern.CASE_INSENSITIVE));

    @Test
    void theReadmeTheDocsAndThePackageInfosTellNoHistory() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : documents()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                for (Pattern history : HISTORY) {
                    if (history.matcher(lines.get(i)).find()) {
                        found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(found)
                .as("history in the docs (say what is true now; the story goes in the commit message)")
                .isEmpty();
    }

    @Test
    void theCheckFindsWhatItLooksFor() {
        assertThat(HISTORY)
                .as("each phrase is caught")
                .allSatisfy(pattern -> assertThat(Stream.of(
                                        "Built in issue 7.",
                                        "The flows are not wired yet.",
                                        "A planned component.",
                                        "Issue 3, in progress.",
                                        "Still to come: targets.")
                                .anyMatch(line -> pattern.matcher(line).find()))
                        .isTrue());
        assertThat(Stream.of("Issued by the partner's CA", "a plan of the deployment", "PKCS#12, section 4.7")
                        .noneMatch(line ->
                                HISTORY.stream().anyMatch(p -> p.matcher(line).find())))
                .as("ordinary words pass")
                .isTrue();
    }

    private static List<Path> documents() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            sources.filter(file -> file.getFileName().toString().equals("package-info.java"))
                    .sorted()
                    .forEach(files::add);
        }
        return files;
    }
}
