package org.caseexchange.gateway.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every annex the gateway knows: the examples shipped in {@code classpath:annexes/}, each replaced by
 * the file of the same annex id in the operator's folder, which may also add annexes. A file that
 * does not describe an annex completely stops start-up, naming the file and the problem.
 */
public final class AnnexCatalogue {

    private static final Set<String> KEYS = Set.of(
            "id",
            "version",
            "title",
            "partners",
            "in-force",
            "status",
            "automated",
            "purposes",
            "proactive-disclosure",
            "quota",
            "retention",
            "two-step",
            "caveats",
            "clauses");

    private final Map<String, Annex> annexes;

    public AnnexCatalogue(List<Annex> annexes) {
        Map<String, Annex> byId = new TreeMap<>();
        annexes.forEach(annex -> byId.put(annex.id(), annex));
        this.annexes = java.util.Collections.unmodifiableMap(byId);
    }

    /** The shipped examples, overridden and extended by {@code *.yaml} in {@code operatorFolder} when it is given. */
    public static AnnexCatalogue load(Optional<Path> operatorFolder) {
        Map<String, Annex> byId = new LinkedHashMap<>();
        for (Annex annex : shipped()) {
            byId.put(annex.id(), annex);
        }
        operatorFolder.ifPresent(folder -> {
            if (!Files.isDirectory(folder)) {
                throw new PolicyFileException(folder.toString(), "the annex folder does not exist");
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                        .sorted()
                        .toList()) {
                    Annex annex = parse(file.toString(), Files.readAllBytes(file));
                    byId.put(annex.id(), annex);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the annex folder " + folder, e);
            }
        });
        return new AnnexCatalogue(new ArrayList<>(byId.values()));
    }

    private static List<Annex> shipped() {
        try {
            List<Annex> annexes = new ArrayList<>();
            for (Resource resource :
                    new PathMatchingResourcePatternResolver().getResources("classpath:annexes/*.yaml")) {
                annexes.add(parse("classpath:annexes/" + resource.getFilename(), resource.getContentAsByteArray()));
            }
            return annexes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped annexes", e);
        }
    }

    public Optional<Annex> find(String id) {
        return Optional.ofNullable(annexes.get(id));
    }

    public List<Annex> all() {
        return List.copyOf(annexes.values());
    }

    static Annex parse(String name, byte[] content) {
        YamlFile file = YamlFile.parse(name, content);
        YamlFile.Node root = file.root();
        root.allowOnly(KEYS);
        String id = root.string("id");
        if (!id.matches("[A-Z0-9]+(-[A-Z0-9]+){0,7}") || id.length() > 64) {
            throw root.problem("'id' must be upper-case letters, digits and hyphens, as a query's legalBasis names it");
        }
        YamlFile.Node annex = root.at("annex " + id);
        YamlFile.Node inForce = annex.node("in-force");
        inForce.allowOnly(Set.of("from", "until"));
        YamlFile.Node quota = annex.node("quota");
        quota.allowOnly(Set.of("per-day", "per-year"));
        Map<Purpose, Set<DataElement>> purposes = new EnumMap<>(Purpose.class);
        YamlFile.Node purposeNode = annex.node("purposes");
        for (String purpose : purposeNode.keys()) {
            Set<DataElement> elements = EnumSet.noneOf(DataElement.class);
            for (String element : purposeNode.strings(purpose)) {
                elements.add(purposeNode.enumOf(element, DataElement.class, "data element"));
            }
            purposes.put(purposeNode.enumOf(purpose, Purpose.class, "purpose"), elements);
        }
        List<Caveat> caveats = new ArrayList<>();
        for (YamlFile.Node caveat : annex.nodes("caveats")) {
            caveat.allowOnly(Set.of("code", "text"));
            caveats.add(new Caveat(caveat.enumValue("code", CaveatCode.class), caveat.string("text"), null));
        }
        Map<String, String> clauses = new TreeMap<>();
        YamlFile.Node clauseNode = annex.node("clauses");
        clauseNode.allowOnly(Set.of(
                "parties",
                "in-force",
                "purposes",
                "elements",
                "quota",
                "retention",
                "caveats",
                "proactive-disclosure",
                "manual"));
        clauseNode.keys().forEach(key -> clauses.put(key, clauseNode.string(key)));
        LocalDate from = inForce.date("from");
        LocalDate until = inForce.has("until") ? inForce.date("until") : null;
        if (until != null && until.isBefore(from)) {
            throw annex.problem("'in-force.until' is before 'in-force.from'");
        }
        Annex parsed = new Annex(
                id,
                annex.string("version"),
                annex.string("title"),
                file.sha256(),
                new Annex.InForce(
                        Set.copyOf(annex.strings("partners")),
                        from,
                        until,
                        annex.enumValue("status", Annex.Status.class)),
                new Annex.Release(
                        annex.bool("automated"), purposes, annex.bool("two-step"), annex.bool("proactive-disclosure")),
                new Annex.Conditions(
                        new Annex.Quota(quota.positive("per-day"), quota.positive("per-year")),
                        annex.period("retention"),
                        caveats),
                clauses);
        return parsed;
    }
}
