package com.mvsync.testing.vtiger.conformance;

import com.mvsync.testing.realvtiger.RealVtigerEnv;
import com.mvsync.testing.realvtiger.RealVtigerTier;

/** The conformance suite against the real Vtiger 8.2.0 the tier names (VTIGER_URL, VTIGER_USER, VTIGER_ACCESS_KEY). */
@RealVtigerTier
class RealConformanceTest extends VtigerConformance {

    @Override
    protected String endpoint() {
        return RealVtigerEnv.url();
    }

    @Override
    protected String user() {
        return RealVtigerEnv.user();
    }

    @Override
    protected String accessKey() {
        return RealVtigerEnv.accessKey();
    }
}
