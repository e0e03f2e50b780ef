/**
 * How a feature announces a committed change to integrations: {@link io.riskbase.platform.events.ChangeEvents} fires a
 * {@link io.riskbase.platform.events.ChangeEvent} synchronously in the writing transaction; the events feature observes
 * it and writes the outbox row in that transaction, so features never import the events feature. Imports no feature.
 */
package io.riskbase.platform.events;
