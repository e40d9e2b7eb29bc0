package com.mvsync.testing.realvtiger;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Enables a {@link RealVtigerTier} class only where a real Vtiger is named, and says why it is skipped elsewhere. */
public final class RealVtigerCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return RealVtigerEnv.missing()
                .map(name -> ConditionEvaluationResult.disabled("real-Vtiger tier skipped: " + name + " is not set ("
                        + "bash .ci/run starts a stock Vtiger 8.2.0 from ../shared/vtiger-server when it is there; "
                        + "README \"The real-Vtiger tier\")"))
                .orElseGet(() -> ConditionEvaluationResult.enabled("real Vtiger at " + RealVtigerEnv.url()));
    }
}
