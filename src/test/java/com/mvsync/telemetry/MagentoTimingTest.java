package com.mvsync.telemetry;

import com.mvsync.magento.EntityType;
import com.mvsync.timing.DependencyTimer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.magento.rest.MagentoRestException;
import com.mvsync.timing.DependencyTimer.Dependency;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.magento.MagentoConfigs;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every Magento REST call reports into the invocation's timer, like Vtiger's and DynamoDB's: answered or not. */
class MagentoTimingTest {

    private static final String TOKEN = "timing-token";
    private static FakeMagentoServer magento;

    @BeforeAll
    static void start() {
        magento = FakeMagentoServer.start(2, 1, 1, 1).acceptBearer(TOKEN);
    }

    @AfterAll
    static void stop() {
        magento.close();
    }

    @Test
    void answeredAndFailedCallsAreTimed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (MagentoRestClient client = new MagentoRestClient(MagentoConfigs.bearer(magento.baseUrl(), TOKEN),
                new ObjectMapper());
                MagentoRestClient nowhere = new MagentoRestClient(
                        MagentoConfigs.bearer("http://127.0.0.1:" + closedPort, TOKEN), new ObjectMapper())) {
            DependencyTimer.reset();

            client.read(EntityType.CUSTOMER, "1");
            magento.failNext(1, 500);
            assertThatThrownBy(() -> client.read(EntityType.CUSTOMER, "2")).isInstanceOf(MagentoRestException.class);
            assertThatThrownBy(() -> nowhere.read(EntityType.CUSTOMER, "1")).isInstanceOf(MagentoRestException.class);

            DependencyTimer.Totals totals = DependencyTimer.totals();
            assertThat(totals.calls(Dependency.MAGENTO)).isEqualTo(3);
            assertThat(totals.nanos(Dependency.MAGENTO)).isPositive();
            assertThat(totals.calls(Dependency.VTIGER)).isZero();
        }
    }
}
