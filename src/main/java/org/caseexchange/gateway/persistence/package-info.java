/**
 * The database itself, apart from what the other packages keep in it: what the embedded H2 file needs
 * that the database does not do on its own: transactions ended one at a time and what a crash left
 * cleared at start-up, so that a crash cannot leave one half done, and upkeep of the file when every
 * commit is written at once.
 */
package org.caseexchange.gateway.persistence;
