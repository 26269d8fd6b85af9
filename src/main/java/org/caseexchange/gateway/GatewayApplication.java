package org.caseexchange.gateway;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The case-exchange gateway: one Spring Boot application hosting the broker, the routes and the web UI. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    /**
     * Starts the gateway with these settings; {@code --help}, {@code --version} and the operators'
     * commands ({@code accounts}, {@code verify-export}, {@code move-from-h2}) are answered instead
     * ({@link GatewayCommand}).
     */
    public static void main(String[] args) {
        if (GatewayCommand.startsTheGateway(args)) {
            start(args);
            return;
        }
        int exit = GatewayCommand.execute(
                args,
                new java.io.PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8));
        if (!"run".equals(args[0]) && !"move-from-h2".equals(args[0])) {
            System.exit(exit);
        }
    }

    static void start(String[] settings) {
        SpringApplication.run(GatewayApplication.class, settings);
    }

    /** One clock for every validity and freshness check, so tests can move time instead of waiting for it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
