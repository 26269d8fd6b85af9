/**
 * The exchange flows: Camel YAML routes in the top-level {@code routes/} folder, one file per flow,
 * calling the small beans of this package. So far it holds the logging context every flow step runs in.
 */
package org.caseexchange.gateway.exchange;
