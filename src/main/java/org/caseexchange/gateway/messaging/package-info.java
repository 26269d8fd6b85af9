/**
 * The message broker the partners talk to. By default the gateway runs its own persistent ActiveMQ
 * Classic broker (KahaDB, journal synced on every write, a dead-letter queue per destination) listening
 * on loopback over OpenWire, AMQP 1.0 and STOMP; with {@code gateway.broker.embedded=false} it connects
 * to an external broker instead. This package owns the broker's lifecycle and the JMS connection the
 * routes use; it knows nothing of what the messages mean.
 */
package org.caseexchange.gateway.messaging;
