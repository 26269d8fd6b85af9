package org.caseexchange.gateway.database;

import jakarta.validation.constraints.Size;
import java.lang.management.ManagementFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code gateway.instance}: how this gateway instance is named where several share one
 * database, in the locks of the work one instance does at a time, and in health and metrics.
 *
 * @param name this instance's name; empty for the JVM's own ({@code pid@host}), which differs between
 *     instances but not across restarts of one
 */
@Validated
@ConfigurationProperties("gateway.instance")
record InstanceProperties(@Size(max = 64) String name) {

    /** The name in force: the one set, or the JVM's own. */
    public String resolvedName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        String runtime = ManagementFactory.getRuntimeMXBean().getName();
        return runtime.length() > 64 ? runtime.substring(0, 64) : runtime;
    }
}
