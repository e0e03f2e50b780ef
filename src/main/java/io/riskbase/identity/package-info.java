/**
 * Identity and tenancy: organizations and their settings, users and roles, sign-up, login and logout, the sessions behind tokens, RS256 token issuing, and {@link io.riskbase.identity.Caller} — the only source of the tenant id. Also the demo organization of the embedded default.
 */
package io.riskbase.identity;
