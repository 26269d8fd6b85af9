package org.caseexchange.gateway.persistence;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the embedded H2 database needs besides the connection pool; nothing here when the gateway runs on PostgreSQL. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:h2:file:')")
@EnableConfigurationProperties(H2Properties.class)
class PersistenceConfiguration {

    /** Every user of the database, Flyway included, commits through {@link SerialCommitDataSource}. */
    @Bean
    static BeanPostProcessor serialH2Commits() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && !(bean instanceof SerialCommitDataSource)
                        ? new SerialCommitDataSource(dataSource) : bean;
            }
        };
    }

    /** Flyway is the first to use the database, so what a crash left is cleared just before it migrates. */
    @Bean
    FlywayMigrationStrategy clearCrashLeftoversThenMigrate(DataSource dataSource) {
        return flyway -> {
            try {
                H2CrashLeftovers.clear(dataSource.unwrap(SerialCommitDataSource.class));
            } catch (SQLException e) {
                throw new IllegalStateException("Embedded database not checked for what a crash left", e);
            }
            flyway.migrate();
        };
    }

    @Bean(destroyMethod = "close")
    H2Housekeeping h2Housekeeping(DataSource dataSource, H2Properties properties, MeterRegistry meters) throws SQLException {
        return H2Housekeeping.start(dataSource.unwrap(SerialCommitDataSource.class), properties, meters);
    }
}
