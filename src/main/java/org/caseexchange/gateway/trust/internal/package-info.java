/** Helpers of {@code trust}: reading certificate files and checking what a configured certificate can do. */
package org.caseexchange.gateway.trust.internal;
