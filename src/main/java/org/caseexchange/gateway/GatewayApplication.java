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

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }

    /** One clock for every validity and freshness check, so tests can move time instead of waiting for it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
