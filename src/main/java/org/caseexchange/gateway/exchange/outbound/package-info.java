/**
 * What our officers send the partner, and what comes back: a query or proactive disclosure is decided
 * by our own rules before anything is sealed, confirmed by a second person where the rules ask for one
 * (always for a disclosure), and sent through the outbox; the partner's answers and receipts on its
 * answers queue are matched to what we sent, kept encrypted with their caveats, and acknowledged.
 */
package org.caseexchange.gateway.exchange.outbound;
