/**
 * The officers' side of the cases the rules sent to review: a verdict decides again on the current
 * facts and commits the final response to the outbox.
 */
package org.caseexchange.gateway.exchange.review;
