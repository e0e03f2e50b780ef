/**
 * Request plumbing shared by all resources: body size limit, typed query parameter parsing that answers 400 naming the
 * parameter, pagination, the HSTS header on HTTPS responses.
 */
package io.riskbase.platform.web;
