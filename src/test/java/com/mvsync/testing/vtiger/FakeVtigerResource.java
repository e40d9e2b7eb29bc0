package com.mvsync.testing.vtiger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts one {@link FakeVtigerServer} for the test JVM and points the application's Vtiger client at it. Tests reach
 * the server through {@link #server()} to seed records, inject faults and count calls.
 */
public class FakeVtigerResource implements QuarkusTestResourceLifecycleManager {

    private static FakeVtigerServer server;

    public static synchronized FakeVtigerServer server() {
        if (server == null) {
            server = FakeVtigerServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        FakeVtigerServer s = server();
        return Map.of(
                "mvsync.vtiger.url", s.baseUrl(),
                "mvsync.vtiger.username", FakeVtigerServer.ADMIN_USER,
                "mvsync.vtiger.access-key", FakeVtigerServer.ADMIN_ACCESS_KEY,
                "mvsync.vtiger.read-timeout", "PT2S");
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; stopped by the shutdown hook.
    }
}
