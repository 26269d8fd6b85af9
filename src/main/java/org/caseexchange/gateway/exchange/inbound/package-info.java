/**
 * The partner's messages to us: every message on a partner's inbound queues goes through
 * {@link org.caseexchange.gateway.exchange.inbound.InboundFlow}, and one handler per message kind decides
 * what it gets.
 */
package org.caseexchange.gateway.exchange.inbound;
