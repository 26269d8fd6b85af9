package org.caseexchange.gateway.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The embedded PostgreSQL, unless {@code gateway.database.embedded=false}: started before the
 * connection pool and Flyway, stopped after the pool closed. The gateway connects as
 * {@value EmbeddedDatabase#APPLICATION}; Flyway migrates as {@value EmbeddedDatabase#OWNER}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gateway.database.embedded", havingValue = "true", matchIfMissing = true)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(DatabaseProperties properties) {
        H2DataMove.refuseUnlessMoving(properties);
        return EmbeddedDatabase.start(properties);
    }

    /** The gateway's connection pool, with {@code spring.datasource.hikari.*} as the settings. */
    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabase database) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername(EmbeddedDatabase.APPLICATION);
        pool.setPassword(database.password(EmbeddedDatabase.APPLICATION));
        return pool;
    }

    /** Migrations run as the schema owner, who grants the gateway's role what it may do. */
    @Bean
    FlywayConfigurationCustomizer migrateAsTheOwner(EmbeddedDatabase database) {
        return configuration -> configuration
                .dataSource(database.jdbcUrl(), EmbeddedDatabase.OWNER, database.password(EmbeddedDatabase.OWNER))
                .placeholders(java.util.Map.of("application_role", EmbeddedDatabase.APPLICATION));
    }

    /** With {@code gateway.database.move-from-h2}, an earlier version's H2 data is moved in right after the migrations. */
    @Bean
    @ConditionalOnProperty(name = "gateway.database.move-from-h2", havingValue = "true")
    FlywayMigrationStrategy migrateThenMoveFromH2(EmbeddedDatabase database, DatabaseProperties properties) {
        return flyway -> {
            flyway.migrate();
            H2DataMove.move(
                    properties.folder(),
                    database.jdbcUrl(),
                    EmbeddedDatabase.OWNER,
                    database.password(EmbeddedDatabase.OWNER));
        };
    }
}
