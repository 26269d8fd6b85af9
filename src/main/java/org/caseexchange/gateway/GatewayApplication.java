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

    /** Starts the gateway; {@code accounts …} runs the console-accounts command instead (docs/console.md). */
    public static void main(String[] args) {
        if (args.length > 0 && "accounts".equals(args[0])) {
            System.exit(org.caseexchange.gateway.web.account.AccountsCommand.run(
                    java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(GatewayApplication.class, args);
    }

    /** One clock for every validity and freshness check, so tests can move time instead of waiting for it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
