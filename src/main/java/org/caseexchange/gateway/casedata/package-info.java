/**
 * The persons our agency holds records about, and finding the one a query names (docs/rules.md,
 * "Case data and matching"): Flyway-managed tables, a deterministic synthetic
 * data generator, candidate search by document and by phonetic blocking keys, scoring with
 * well-kept name-matching libraries, and enrichment that builds only the elements a decision allows.
 */
package org.caseexchange.gateway.casedata;
