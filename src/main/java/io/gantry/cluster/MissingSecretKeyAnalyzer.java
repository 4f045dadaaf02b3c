package io.gantry.cluster;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing or broken secret key into a start-up message that says what to do, not a stack trace. */
class MissingSecretKeyAnalyzer extends AbstractFailureAnalyzer<ClusterConfiguration.MissingSecretKey> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ClusterConfiguration.MissingSecretKey cause) {
        return new FailureAnalysis(cause.getMessage(), ClusterConfiguration.HOW_TO_SET, cause);
    }
}
