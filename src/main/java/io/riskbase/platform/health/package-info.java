/**
 * MicroProfile Health checks: readiness (database reachable, migrations applied), liveness (this process only) and
 * startup (migrations and cache warm-up done).
 */
package io.riskbase.platform.health;
