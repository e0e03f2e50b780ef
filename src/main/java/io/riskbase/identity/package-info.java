/**
 * Identity and tenancy: organizations and their settings, users and roles, sign-up, login and logout, the sessions
 * behind tokens, RS256 token issuing. Who is calling (the tenant of a request) is read through
 * {@link io.riskbase.platform.security.Caller}. Also the demo organization of the embedded default.
 */
package io.riskbase.identity;
