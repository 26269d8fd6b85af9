/**
 * The exchange protocol: the XML messages (their model is generated from {@code schemas/} at build
 * time into {@code protocol.xml}; the six whose names the domain uses are {@code Wire<Type>}, as
 * {@code src/main/xjb/protocol.xjb} binds them), the one codec between payload bytes and messages, the checks of
 * the signed header, and the reason codes every refusal in the gateway carries. The wire contract it
 * implements is docs/protocol.md.
 */
package org.caseexchange.gateway.protocol;
