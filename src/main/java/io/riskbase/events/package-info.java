/**
 * Events: the outbox (one row per committed change, written by {@link io.riskbase.events.OutboxRecorder} in the
 * transaction that fired the {@link io.riskbase.platform.events.ChangeEvent}, numbered per organization in commit
 * order), the change feed over it, and webhooks: endpoints, signed deliveries (Standard Webhooks), retries, the
 * delivery log and the dispatcher that sends them from one node at a time per endpoint.
 */
package io.riskbase.events;
