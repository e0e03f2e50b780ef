/** JSON building shared by the platform's recorders (audit entries, change events). Imports no feature. */
package io.riskbase.platform.json;
