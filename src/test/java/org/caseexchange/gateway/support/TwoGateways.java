package org.caseexchange.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Two instances of this gateway, one for each country, configured as two agencies would configure
 * them: Canada's gateway as shipped, hosting the link on its broker; the United States' gateway with
 * the shipped configuration seen from the other side (the agencies swapped, the example annexes naming
 * Canada as partner) and a remote link to Canada's broker. The destinations map so that what one side
 * sends on a queue is what the other reads from it (docs/protocol.md section 4.8, "Two gateways").
 */
public final class TwoGateways {

    public static final String CANADA = "CAN-IRCC";
    public static final String UNITED_STATES = "USA-USCIS";

    private static final Path SHIPPED_CONFIGURATION = Path.of("src/main/resources/application.yml");
    private static final Path SHIPPED_EXAMPLE = Path.of("src/main/resources/application-example.yml");
    private static final Path SHIPPED_ANNEXES = Path.of("src/main/resources/annexes");
    private static final Pattern AGENCIES = Pattern.compile("\\b(CAN-IRCC|USA-USCIS|CAN|USA)\\b");

    /** The queues on Canada's broker, named as Canada's configuration names them. */
    private static final String QUEUE = UNITED_STATES + ".";

    private TwoGateways() {}

    /** Canada's side: the hosted link, with a queue of its own for its disclosures to the United States. */
    public static Map<String, Object> canada(Path folder, int tlsPort) {
        Map<String, Object> destinations = new LinkedHashMap<>();
        destinations.put("requests-in", QUEUE + "requests");
        destinations.put("responses-out", QUEUE + "responses");
        destinations.put("queries-out", QUEUE + "queries");
        destinations.put("answers-in", QUEUE + "answers");
        destinations.put("disclosures-in", QUEUE + "disclosures");
        destinations.put("disclosures-out", QUEUE + "disclosures-out");
        Path configuration = write(folder, false, destinations);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.config.location", "file:" + configuration.toAbsolutePath());
        settings.put("gateway.data-dir", folder.resolve("data").toAbsolutePath());
        settings.put("gateway.broker.ports.openwire-tls", tlsPort);
        settings.put("gateway.broker.client-certificates[0]", UNITED_STATES);
        return settings;
    }

    /**
     * The United States' side: the same queues on Canada's broker, each read where Canada writes it, and
     * a remote link there with its own login and TLS client certificate.
     */
    public static Map<String, Object> unitedStates(Path folder, int canadaTlsPort) {
        Map<String, Object> destinations = new LinkedHashMap<>();
        destinations.put("requests-in", QUEUE + "queries");
        destinations.put("responses-out", QUEUE + "answers");
        destinations.put("queries-out", QUEUE + "requests");
        destinations.put("answers-in", QUEUE + "responses");
        destinations.put("disclosures-in", QUEUE + "disclosures-out");
        destinations.put("disclosures-out", QUEUE + "disclosures");
        Path configuration = write(folder, true, destinations);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.config.location", "file:" + configuration.toAbsolutePath());
        settings.put("gateway.data-dir", folder.resolve("data").toAbsolutePath());
        String link = "gateway.broker.remote-links." + CANADA;
        settings.put(link + ".url", "ssl://localhost:" + canadaTlsPort);
        settings.put(link + ".password-file", "certs-example/" + UNITED_STATES + "/broker.password");
        return settings;
    }

    @SuppressWarnings("unchecked")
    private static Path write(Path folder, boolean swapped, Map<String, Object> destinations) {
        try {
            Files.createDirectories(folder);
            Map<String, Object> document = merge(
                    new Yaml().load(Files.readString(SHIPPED_CONFIGURATION)),
                    new Yaml().load(Files.readString(SHIPPED_EXAMPLE)));
            if (swapped) {
                document = (Map<String, Object>) swap(document);
                Path annexes = Files.createDirectories(folder.resolve("annexes"));
                try (Stream<Path> files = Files.list(SHIPPED_ANNEXES)) {
                    for (Path annex : files.toList()) {
                        Files.writeString(
                                annexes.resolve(annex.getFileName()),
                                swap(Files.readString(annex, StandardCharsets.UTF_8)),
                                StandardCharsets.UTF_8);
                    }
                }
                Map<String, Object> rules =
                        (Map<String, Object>) ((Map<String, Object>) document.get("gateway")).get("rules");
                rules.put("annex-folder", annexes.toAbsolutePath().toString());
            }
            Map<String, Object> gateway = (Map<String, Object>) document.get("gateway");
            Map<String, Object> partner = ((List<Map<String, Object>>) gateway.get("partners")).get(0);
            partner.put("destinations", destinations);
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            Path file = folder.resolve("application.yml");
            Files.writeString(file, new Yaml(options).dump(document), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped defaults with the example profile over them, as Spring Boot merges them: lists replaced. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> merged.merge(
                key,
                value,
                (was, is) -> was instanceof Map<?, ?> wasMap && is instanceof Map<?, ?> isMap
                        ? merge((Map<String, Object>) wasMap, (Map<String, Object>) isMap)
                        : is));
        return merged;
    }

    /** Every agency code and country code of the two sides, each replaced by the other's. */
    @SuppressWarnings("unchecked")
    private static Object swap(Object value) {
        if (value instanceof String text) {
            return swap(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> swapped = new LinkedHashMap<>();
            map.forEach((key, entry) -> swapped.put(swap(key), swap(entry)));
            return swapped;
        }
        if (value instanceof List<?> list) {
            List<Object> swapped = new ArrayList<>();
            list.forEach(entry -> swapped.add(swap(entry)));
            return swapped;
        }
        return value;
    }

    private static String swap(String text) {
        Matcher matcher = AGENCIES.matcher(text);
        StringBuilder swapped = new StringBuilder();
        while (matcher.find()) {
            String other = switch (matcher.group(1)) {
                case CANADA -> UNITED_STATES;
                case UNITED_STATES -> CANADA;
                case "CAN" -> "USA";
                default -> "CAN";
            };
            matcher.appendReplacement(swapped, other);
        }
        matcher.appendTail(swapped);
        return swapped.toString();
    }
}
