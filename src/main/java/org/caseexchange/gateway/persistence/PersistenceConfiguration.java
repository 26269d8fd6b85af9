package org.caseexchange.gateway.persistence;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Upkeep of the embedded database; nothing here when the gateway runs on PostgreSQL. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(H2Properties.class)
class PersistenceConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:h2:file:')")
    H2Housekeeping h2Housekeeping(DataSource dataSource, H2Properties properties, MeterRegistry meters) throws SQLException {
        return H2Housekeeping.start(dataSource, properties, meters);
    }
}
