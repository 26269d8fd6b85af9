/**
 * The console and its REST API (docs/console.md): sign-in (local accounts or the agency's OpenID
 * Connect provider), one permission model ({@link org.caseexchange.gateway.web.Permissions}) for pages
 * and API alike, and the security headers. Pages ({@code page}) and the API ({@code api}) call the same
 * services ({@code desk}), which call the flows; no business rule lives in a controller or a template.
 */
package org.caseexchange.gateway.web;
