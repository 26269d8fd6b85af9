/**
 * The console's server-rendered pages (Thymeleaf): thin controllers that call a desk and hand its
 * result to a template that only renders, escaping everything a partner sent.
 */
package org.caseexchange.gateway.web.page;
