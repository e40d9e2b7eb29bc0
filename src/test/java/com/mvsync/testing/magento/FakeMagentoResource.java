package com.mvsync.testing.magento;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** One {@link FakeMagentoServer} for the test JVM, configured as the store the functions fetch partial entities from. */
public class FakeMagentoResource implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "test-integration-token";
    private static FakeMagentoServer server;

    public static synchronized FakeMagentoServer server() {
        if (server == null) {
            server = FakeMagentoServer.start(3, 3, 3, 3).acceptBearer(TOKEN);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("mvsync.magento.base-url", server().baseUrl(), "mvsync.magento.access-token", TOKEN);
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM.
    }
}
