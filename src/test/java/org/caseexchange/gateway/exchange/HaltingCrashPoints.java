package org.caseexchange.gateway.exchange;

import java.util.concurrent.atomic.AtomicInteger;
import org.caseexchange.gateway.audit.AuditLog;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The crash test's hook, active only in its child JVM (property {@code crash-test.point}): the
 * n-th time the flow reaches the named point, the JVM halts at once, as a power cut would, with no
 * shutdown hook, no rollback and no flush.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("crash-test.point")
class HaltingCrashPoints {

    static final int HALT_STATUS = 137;

    @Bean
    CrashPoints crashPoints(@Value("${crash-test.point}") String point, @Value("${crash-test.at:1}") int at) {
        AtomicInteger reached = new AtomicInteger();
        return name -> {
            if (name.equals(point) && reached.incrementAndGet() == at) {
                System.out.println("CRASH-TEST halting at " + name);
                System.out.flush();
                Runtime.getRuntime().halt(HALT_STATUS);
            }
        };
    }

    @Bean
    SmartInitializingSingleton haltInsideAuditAppend(AuditLog audit, CrashPoints crashPoints) {
        return () -> audit.whileAppending(() -> crashPoints.reach(CrashPoints.INSIDE_AUDIT_APPEND));
    }
}
