/**
 * The REST API under {@code /api} for agencies' case-management systems: the same services and
 * permissions as the pages, JSON bodies that take no field a caller may not set, described by OpenAPI.
 */
package org.caseexchange.gateway.web.api;
