/**
 * What protects what: the assets risks threaten, the controls library that treats them, frameworks (versioned trees of
 * requirements, imported per organization) with controls mapped to their requirements, and the cached coverage and
 * control impact read from those links. Links are first-class (PUT/DELETE) and recorded in the history of both ends;
 * this feature imports {@code risk} (links lock and record on the risk), never the other way round.
 */
package io.riskbase.control;
