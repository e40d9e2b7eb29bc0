package com.mvsync.testing.realvtiger;

import com.mvsync.testing.vtiger.RawVtiger;
import java.util.List;
import java.util.Optional;

/** The real Vtiger the tier uses, from the variables {@code vtiger-server.sh start} prints. */
public final class RealVtigerEnv {

    private static final List<String> NAMES = List.of("VTIGER_URL", "VTIGER_USER", "VTIGER_ACCESS_KEY");

    private RealVtigerEnv() {
    }

    /** The first variable that is not set, if any. */
    static Optional<String> missing() {
        return NAMES.stream().filter(n -> get(n).isBlank()).findFirst();
    }

    /** The webservice endpoint ({@code .../webservice.php}), however VTIGER_URL was written. */
    public static String url() {
        String u = get("VTIGER_URL");
        u = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
        return u.endsWith("/webservice.php") ? u : u + "/webservice.php";
    }

    public static String user() {
        return get("VTIGER_USER");
    }

    public static String accessKey() {
        return get("VTIGER_ACCESS_KEY");
    }

    /** A session of its own on the real server, for checks of what Vtiger stored and for clean-up. */
    public static RawVtiger.Session session() {
        return new RawVtiger(url()).session(user(), accessKey());
    }

    private static String get(String name) {
        String v = System.getenv(name);
        return v == null ? "" : v.trim();
    }
}
