/** Helpers of {@code trust}: checking what a configured certificate can do (its key, usages and chain). */
package org.caseexchange.gateway.trust.internal;
