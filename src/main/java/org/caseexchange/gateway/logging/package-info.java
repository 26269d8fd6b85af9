/**
 * What the gateway's logs may say about a failure: the exception's class and stack frames, never its
 * message, in the console and in the JSON log alike. A message can quote what a partner sent or a
 * database value (a unique violation names the row), and third-party code logs exceptions whole; so
 * the policy is applied where lines are written, not where they are logged. Wired by
 * {@code logback-spring.xml} and {@code logging.structured.json.stacktrace.printer}.
 */
package org.caseexchange.gateway.logging;
