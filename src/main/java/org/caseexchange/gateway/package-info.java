/**
 * The case-exchange gateway. Each subpackage owns one concern: {@code trust} (partners, our identity,
 * certificates), {@code envelope} (CMS sign-then-encrypt), {@code protocol} (the XML messages),
 * {@code rules} (what domestic law and the annexes allow), {@code casedata} (persons and matching),
 * {@code audit} (the tamper-evident log), {@code verifier} (its offline checker), {@code exchange} (the
 * flows that wire them), {@code messaging} (the broker), {@code database} (the engine and the locks
 * instances share), {@code web} (the console and REST API for officers, supervisors, auditors and
 * operators), {@code logging} (what logs may say) and {@code demo} (the example partner). This package
 * holds the application entry point, the start-up refusal every concern shares, and the jar's command
 * line: {@code check-config}, and {@code queues}, a client of a running gateway's console API.
 */
package org.caseexchange.gateway;
