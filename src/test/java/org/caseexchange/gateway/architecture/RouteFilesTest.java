package org.caseexchange.gateway.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Build-time validation of the Camel YAML routes against the JSON schema that camel-yaml-dsl ships
 * (the Camel YAML validator Maven plugin is not available from the registry this project builds from).
 * The running application loads the same files, so a route that passes here and fails at start-up is
 * still caught by every test that starts the gateway.
 */
class RouteFilesTest {

    private static final Path ROUTES = Path.of("routes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonSchema schema = camelYamlDslSchema();

    @Test
    void everyRouteFileMatchesTheCamelYamlDslSchema() throws IOException {
        assertThat(ROUTES).isDirectory();
        try (Stream<Path> files = Files.list(ROUTES)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                assertThat(validate(file)).as(file.toString()).isEmpty();
            }
        }
    }

    @Test
    void theValidatorRejectsAMisspelledStep() throws IOException {
        Set<ValidationMessage> errors =
                validate(Path.of("src/test/resources/routes-invalid/misspelled-step.camel.yaml"));

        assertThat(errors).isNotEmpty();
    }

    @Test
    void routeFilesShipInsideTheJarUnderRoutes() {
        List<String> files = listOrEmpty(ROUTES);
        for (String name : files) {
            assertThat(getClass().getResource("/routes/" + name)).as(name).isNotNull();
        }
    }

    private Set<ValidationMessage> validate(Path file) throws IOException {
        JsonNode routes = YAML.readTree(file.toFile());
        return schema.validate(routes);
    }

    private static JsonSchema camelYamlDslSchema() {
        try (InputStream in = RouteFilesTest.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            assertThat(in).as("camel-yaml-dsl's schema on the classpath").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> listOrEmpty(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".camel.yaml"))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
