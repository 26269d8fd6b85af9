/**
 * The database itself, apart from what the other packages keep in it: upkeep of the embedded H2 file
 * that the database does not do on its own when every commit is written at once.
 */
package org.caseexchange.gateway.persistence;
