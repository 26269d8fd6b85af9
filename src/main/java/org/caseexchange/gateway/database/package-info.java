/**
 * The gateway's database engine: PostgreSQL, embedded in the data folder by default (its binaries come
 * with the gateway, its cluster, passwords and lock live in {@code gateway.database.folder}), or an
 * external server named by {@code spring.datasource.*}. The SQL itself lives with the concern that owns
 * each table; the schema is Flyway's ({@code db/migration}, {@code db/vendor/postgresql}). Also moves an
 * earlier version's embedded H2 data in, once, when asked.
 */
package org.caseexchange.gateway.database;
