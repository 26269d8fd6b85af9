/**
 * The case-exchange gateway. Each subpackage owns one concern: {@code trust} (partners, our identity,
 * certificates), {@code envelope} (CMS sign-then-encrypt), {@code protocol} (the XML messages),
 * {@code rules} (what domestic law and the annexes allow), {@code casedata} (persons and matching),
 * {@code audit} (the tamper-evident log), {@code exchange} (the flows that wire them), {@code messaging}
 * (the broker) and {@code web} (officers and auditors). This package holds only the application entry
 * point and the start-up refusal every concern shares.
 */
package org.caseexchange.gateway;
