package com.mvsync.demo;

import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * The demo mode of the local run ({@code bash infra/local/run.sh --demo}): starts the protocol-faithful Vtiger double
 * and a Magento double with sample customers, products, orders and invoices (one product named like an XSS attempt,
 * to show the console renders data as text), writes the environment that points the sync at them to the file given
 * as the only argument, and serves until killed. Run from the test classpath: the doubles are test code.
 */
public final class DemoDoubles {

    public static final String MAGENTO_TOKEN = "demo-magento-token";

    private DemoDoubles() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: DemoDoubles <env file to write>");
        }
        FakeVtigerServer vtiger = FakeVtigerServer.start();
        FakeMagentoServer magento = FakeMagentoServer.start(25, 12, 20, 8).acceptBearer(MAGENTO_TOKEN);
        magento.addProduct("DEMO-XSS").put("name", "<img src=x onerror=alert(1)>");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            magento.close();
            vtiger.close();
        }));
        String env = "MVSYNC_VTIGER_URL=" + vtiger.baseUrl() + "\n"
                + "MVSYNC_VTIGER_USERNAME=" + FakeVtigerServer.ADMIN_USER + "\n"
                + "MVSYNC_VTIGER_ACCESS_KEY=" + FakeVtigerServer.ADMIN_ACCESS_KEY + "\n"
                + "MVSYNC_MAGENTO_BASE_URL=" + magento.baseUrl() + "\n"
                + "MVSYNC_MAGENTO_ACCESS_TOKEN=" + MAGENTO_TOKEN + "\n";
        Path target = Path.of(args[0]);
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        Files.writeString(partial, env, StandardCharsets.UTF_8);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("Demo doubles: Vtiger " + vtiger.baseUrl() + ", Magento " + magento.baseUrl());
        new CountDownLatch(1).await();
    }
}
