/**
 * RFC 9457 problem+json for every failure: exception mappers for the application's, JAX-RS's, JSON-B's and Bean
 * Validation's errors, and an error page for errors the container writes itself.
 */
package io.riskbase.platform.errors;
