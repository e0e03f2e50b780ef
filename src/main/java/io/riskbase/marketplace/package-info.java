/**
 * The marketplace: a global connector catalogue (seeded by a migration) with its apps, and the installations of
 * connectors per organization. Catalogue reads do not depend on the tenant; installations always do.
 */
package io.riskbase.marketplace;
