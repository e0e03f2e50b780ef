/**
 * Request plumbing shared by all resources: body size limit, typed query parameter parsing that answers 400 naming the
 * parameter, pagination and its {@code Link} header, the HSTS header on HTTPS responses, {@code Cache-Control:
 * no-store} for credential answers, the known {@code Content-Length} that lets Liberty's compression threshold apply.
 * CORS, gzip and {@code nosniff} are Liberty's own ({@code liberty/server.xml}).
 */
package io.riskbase.platform.web;
