package io.riskbase.risk;

/** Which of a risk's three (likelihood, impact) pairs a view counts. */
public enum ScoreBasis {
    INHERENT("r.likelihood", "r.impact"),
    RESIDUAL("r.residual_likelihood", "r.residual_impact"),
    TARGET("r.target_likelihood", "r.target_impact");

    final String likelihoodColumn;
    final String impactColumn;

    ScoreBasis(String likelihoodColumn, String impactColumn) {
        this.likelihoodColumn = likelihoodColumn;
        this.impactColumn = impactColumn;
    }
}
