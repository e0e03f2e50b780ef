/**
 * Rate limiting: token buckets per user (token subject) and per client address, per route group, shared by all nodes
 * through Redis and kept locally when Redis is absent or failing. Rejections are 429 problem+json with
 * {@code Retry-After}; every limited answer carries {@code RateLimit-*} headers. See docs/operations.md, "Rate limits".
 */
package io.riskbase.platform.ratelimit;
