/** The catalogue part of the bulk data generator: assets, controls, frameworks and links for generated risks. */
package io.riskbase.control.generator;
