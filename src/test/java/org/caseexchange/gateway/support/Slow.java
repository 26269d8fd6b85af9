package org.caseexchange.gateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that takes a minute or more: real failures at volume (crashes, restarts, outages, floods,
 * bursts, several processes) or a real browser. {@code ./mvnw verify} runs them, as CI must;
 * {@code ./mvnw verify -Pquick} leaves them out while working on something else.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("slow")
public @interface Slow {}
