/**
 * The services the pages and the API share, one desk per kind of work (officers, reviews, auditors,
 * operators): each checks the caller's role and calls the flows; nothing here renders.
 */
package org.caseexchange.gateway.web.desk;
