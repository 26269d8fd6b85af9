package org.caseexchange.gateway.rules;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.caseexchange.gateway.trust.Sha256;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * One policy file (an annex or the rule file) read strictly: plain YAML maps, lists and strings only
 * (no tags, no objects), unknown keys refused, every value checked, each problem reported with the
 * file and where in it. Its SHA-256 is what decisions cite.
 */
final class YamlFile {

    private final String name;
    private final String sha256;
    private final Map<String, Object> root;

    private YamlFile(String name, String sha256, Map<String, Object> root) {
        this.name = name;
        this.sha256 = sha256;
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    static YamlFile parse(String name, byte[] content) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        try {
            Object document = new Yaml(new SafeConstructor(options)).load(new String(content, UTF_8));
            if (!(document instanceof Map<?, ?> map)) {
                throw new PolicyFileException(name, "is not a YAML mapping");
            }
            return new YamlFile(name, Sha256.hex(content), (Map<String, Object>) map);
        } catch (YAMLException e) {
            throw new PolicyFileException(
                    name, "is not valid YAML (" + e.getClass().getSimpleName() + ")");
        }
    }

    String name() {
        return name;
    }

    String sha256() {
        return sha256;
    }

    Node root() {
        return new Node(name, "", root);
    }

    /** A mapping inside the file, with the path to it for error messages. */
    static final class Node {
        private final String file;
        private final String path;
        private final Map<String, Object> values;

        Node(String file, String path, Map<String, Object> values) {
            this.file = file;
            this.path = path;
            this.values = values;
        }

        PolicyFileException problem(String what) {
            return new PolicyFileException(file, (path.isEmpty() ? "" : path + ": ") + what);
        }

        Node at(String label) {
            return new Node(file, label, values);
        }

        void allowOnly(Set<String> keys) {
            for (Object key : values.keySet()) {
                if (!keys.contains(String.valueOf(key))) {
                    throw problem("unknown key '" + key + "' (expected one of "
                            + keys.stream().sorted().toList() + ")");
                }
            }
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        String string(String key) {
            Object value = values.get(key);
            if (value == null) {
                throw problem("'" + key + "' is required");
            }
            if (!(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
                throw problem("'" + key + "' must be text");
            }
            String text = String.valueOf(value).strip();
            if (text.isEmpty()) {
                throw problem("'" + key + "' must not be empty");
            }
            return text;
        }

        String string(String key, String otherwise) {
            return has(key) ? string(key) : otherwise;
        }

        boolean bool(String key) {
            Object value = values.get(key);
            if (!(value instanceof Boolean flag)) {
                throw problem("'" + key + "' must be true or false");
            }
            return flag;
        }

        long positive(String key) {
            Object value = values.get(key);
            if (!(value instanceof Integer) && !(value instanceof Long) || ((Number) value).longValue() < 0) {
                throw problem("'" + key + "' must be a whole number, 0 or more");
            }
            return ((Number) value).longValue();
        }

        LocalDate date(String key) {
            Object value = values.get(key);
            if (value instanceof java.util.Date date) {
                return date.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
            }
            try {
                return LocalDate.parse(string(key));
            } catch (DateTimeParseException e) {
                throw problem("'" + key + "' must be a date like 2026-01-31");
            }
        }

        Period period(String key) {
            try {
                return Period.parse(string(key));
            } catch (DateTimeParseException e) {
                throw problem("'" + key + "' must be an ISO 8601 period like P2Y or P18M");
            }
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type) {
            return enumOf(string(key), type, "'" + key + "'");
        }

        <E extends Enum<E>> E enumOf(String text, Class<E> type, String what) {
            try {
                return Enum.valueOf(type, text);
            } catch (IllegalArgumentException e) {
                throw problem(what + " is '" + text + "', not one of " + List.of(type.getEnumConstants()));
            }
        }

        @SuppressWarnings("unchecked")
        Node node(String key) {
            Object value = values.get(key);
            if (!(value instanceof Map<?, ?> map)) {
                throw problem("'" + key + "' must be a mapping");
            }
            return new Node(file, (path.isEmpty() ? "" : path + ".") + key, (Map<String, Object>) map);
        }

        List<String> strings(String key) {
            Object value = values.get(key);
            if (!(value instanceof List<?> list)) {
                throw problem("'" + key + "' must be a list");
            }
            return list.stream()
                    .map(item -> {
                        if (!(item instanceof String text) || text.isBlank()) {
                            throw problem("'" + key + "' must list text values");
                        }
                        return text.strip();
                    })
                    .toList();
        }

        @SuppressWarnings("unchecked")
        List<Node> nodes(String key) {
            Object value = values.get(key);
            if (!(value instanceof List<?> list)) {
                throw problem("'" + key + "' must be a list");
            }
            return java.util.stream.IntStream.range(0, list.size())
                    .mapToObj(i -> {
                        if (!(list.get(i) instanceof Map<?, ?> map)) {
                            throw problem("'" + key + "' item " + (i + 1) + " must be a mapping");
                        }
                        return new Node(file, (path.isEmpty() ? "" : path + ".") + key + "[" + (i + 1) + "]", (Map<
                                        String, Object>)
                                map);
                    })
                    .toList();
        }

        Set<String> keys() {
            return values.keySet();
        }
    }
}
