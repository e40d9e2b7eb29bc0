import com.mvsync.testing.vtiger.FakeVtigerServer;

/**
 * Runs the test suite's Vtiger double (src/test/java/com/mvsync/testing/vtiger/FakeVtigerServer) as a process for
 * the cold-start harness: prints its base URL on one line, serves until stdin closes. Launched in source-file mode
 * (`java -cp target/test-classes:<jackson jars> infra/coldstart/FakeVtiger.java`), so nothing is compiled into the
 * product.
 */
public class FakeVtiger {
    public static void main(String[] args) throws Exception {
        try (FakeVtigerServer server = FakeVtigerServer.start()) {
            System.out.println(server.baseUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the harness closes our stdin
            }
        }
    }
}
