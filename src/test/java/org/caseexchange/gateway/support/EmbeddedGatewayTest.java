package org.caseexchange.gateway.support;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that run the whole gateway as shipped (embedded broker over its real transports, the
 * embedded PostgreSQL in its data folder, the example PKI), isolated from any other gateway on the machine: its own data directory
 * and free ports. Subclasses share one application context.
 */
// The log file is set here, not with the other settings: logging starts before dynamic properties exist.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.file.name=" + EmbeddedGatewayTest.LOG_FILE)
@AutoConfigureObservability // metrics export as shipped; Spring Boot tests turn it off otherwise
public abstract class EmbeddedGatewayTest {

    /** Where every gateway started by the tests writes its structured log. */
    public static final String LOG_FILE = "target/test-logs/gateway.log";

    @DynamicPropertySource
    static void isolatedGateway(DynamicPropertyRegistry registry) {
        isolate(registry::add);
    }

    /** Settings that give a gateway its own data directory and free ports. */
    public static void isolate(java.util.function.BiConsumer<String, java.util.function.Supplier<Object>> registry) {
        String dataDirectory = newDataDirectory();
        registry.accept("gateway.data-dir", () -> dataDirectory);
        // The in-JVM transport finds a broker by name: two gateways alive in one test JVM (the context
        // cache keeps several) must not consume from each other's broker.
        String brokerName = "gateway-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        registry.accept("gateway.broker.name", () -> brokerName);
        registry.accept("gateway.broker.ports.openwire", () -> 0);
        registry.accept("gateway.broker.ports.amqp", () -> 0);
        registry.accept("gateway.broker.ports.stomp", () -> 0);
        registry.accept("management.server.port", () -> 0);
        // A small population keeps each start quick; matching tests load their own.
        registry.accept("gateway.casedata.synthetic.persons", () -> 500);
    }

    /**
     * Starts a whole gateway outside the test context cache, isolated as above. Settings go in as
     * command-line arguments: they must outrank application.yml (SpringApplicationBuilder's default
     * properties would not).
     */
    public static org.springframework.context.ConfigurableApplicationContext startGateway(
            java.util.Map<String, Object> settings) {
        java.util.Map<String, Object> all = new java.util.LinkedHashMap<>();
        isolate((key, value) -> all.put(key, value.get()));
        all.put("server.port", 0);
        all.put("logging.file.name", LOG_FILE);
        all.putAll(settings);
        String[] arguments = all.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new org.springframework.boot.builder.SpringApplicationBuilder(
                        org.caseexchange.gateway.GatewayApplication.class)
                .run(arguments);
    }

    /** The gateway's embedded database as its schema owner sees it: what an administrator with file access could do. */
    public static org.springframework.jdbc.core.JdbcTemplate owner(
            org.springframework.context.ApplicationContext gateway) {
        org.caseexchange.gateway.database.EmbeddedDatabase database =
                gateway.getBean(org.caseexchange.gateway.database.EmbeddedDatabase.class);
        return new org.springframework.jdbc.core.JdbcTemplate(
                new org.springframework.jdbc.datasource.DriverManagerDataSource(
                        database.jdbcUrl(),
                        org.caseexchange.gateway.database.EmbeddedDatabase.OWNER,
                        database.password(org.caseexchange.gateway.database.EmbeddedDatabase.OWNER)));
    }

    /**
     * Runs {@code work} as the schema owner on the embedded database of a gateway that is not running
     * (its data folder), as an administrator could between two starts.
     */
    public static void asOwnerWhileStopped(
            String dataDirectory, java.util.function.Consumer<org.springframework.jdbc.core.JdbcTemplate> work) {
        var properties = new org.caseexchange.gateway.database.DatabaseProperties(
                true, java.nio.file.Path.of(dataDirectory, "db"), 0, "nobody", false);
        try (var database = org.caseexchange.gateway.database.EmbeddedDatabase.start(properties)) {
            work.accept(new org.springframework.jdbc.core.JdbcTemplate(
                    new org.springframework.jdbc.datasource.DriverManagerDataSource(
                            database.jdbcUrl(),
                            org.caseexchange.gateway.database.EmbeddedDatabase.OWNER,
                            database.password(org.caseexchange.gateway.database.EmbeddedDatabase.OWNER))));
        }
    }

    public static String newDataDirectory() {
        return ScratchDirectories.create("gateway-").toString();
    }
}
