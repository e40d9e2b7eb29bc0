package com.mvsync.testing.realvtiger;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of the real-Vtiger tier: tagged {@code real-vtiger} (its own surefire execution, after the main suite) and run
 * only when {@code VTIGER_URL}, {@code VTIGER_USER} and {@code VTIGER_ACCESS_KEY} name a Vtiger to use; otherwise the
 * class reports itself skipped, with the reason.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-vtiger")
@ExtendWith(RealVtigerCondition.class)
public @interface RealVtigerTier {
}
