/**
 * The dashboard of an organization: counts by severity and status, opened/closed and mean time to close in a period,
 * top risks, and opened/closed per day. Everything is computed by aggregate SQL on the risks table (grouping in the
 * database), never by loading risks into Java.
 */
package io.riskbase.dashboard;
