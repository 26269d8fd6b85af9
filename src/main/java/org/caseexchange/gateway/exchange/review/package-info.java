/**
 * The officers' side of the cases the rules sent to review, with four eyes: an officer proposes a
 * verdict (about the person matching found, or the candidate the officer confirms), a supervisor who
 * is another person confirms it, and the case is decided again on the current facts and its final
 * response committed to the outbox.
 */
package org.caseexchange.gateway.exchange.review;
