package com.mvsync.testing.vtiger.conformance;

import com.mvsync.testing.vtiger.FakeVtigerServer;

/** The conformance suite against the double, started for this class alone (its stock settings, as a clean install). */
class DoubleConformanceTest extends VtigerConformance {
    private final FakeVtigerServer server = FakeVtigerServer.start();

    DoubleConformanceTest() {
        // A clean 8.2.0 install's admin has no_of_currency_decimals NULL: prices rounded to whole units.
        server.setCurrencyDecimals(FakeVtigerServer.ADMIN_USER, 0);
    }

    @Override
    protected String endpoint() {
        return server.endpoint();
    }

    @Override
    protected String user() {
        return FakeVtigerServer.ADMIN_USER;
    }

    @Override
    protected String accessKey() {
        return FakeVtigerServer.ADMIN_ACCESS_KEY;
    }

    @Override
    protected void afterSuite() {
        server.close();
    }
}
