/**
 * Who is calling: {@link io.riskbase.platform.security.TokenClaims} (the one parser of a verified token's claims),
 * {@link io.riskbase.platform.security.Caller} (the caller of a request, the only source of the tenant id),
 * {@link io.riskbase.platform.security.Role} and the operator key. Imports no feature package; identity issues the
 * tokens and checks their sessions.
 */
package io.riskbase.platform.security;
