/**
 * The demo partner: the United States EXAMPLE agency, with its example keys, sending the Canadian
 * gateway a realistic mix of queries over AMQP 1.0 and printing what it gets back, so that the README's
 * run command shows the gateway doing its main job. Off unless {@code gateway.demo.enabled}; it uses
 * only what a partner has (its own keys, our certificates, the broker), plus the synthetic case data to
 * pick people who exist.
 */
package org.caseexchange.gateway.demo;
