/**
 * The exchange flows: Camel YAML routes in the top-level {@code routes/} folder, one file per flow,
 * calling small beans. The partner's messages to us are in {@code inbound}, what our officers send the
 * partner and its answers in {@code outbound}, the officers' reviews in {@code review}; this package
 * holds what every direction shares: the exchange record and its store, reading and sending JMS
 * messages, sealing a reply, the outbox, and telling outages from faults.
 */
package org.caseexchange.gateway.exchange;
