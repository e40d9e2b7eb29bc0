package com.mvsync.connection;

import com.mvsync.magento.rest.MagentoConnection;
import com.mvsync.magento.rest.MagentoRestConfig;
import com.mvsync.magento.rest.MagentoRestConfig.AuthMode;
import com.mvsync.vtiger.VtigerConfig;
import com.mvsync.vtiger.VtigerConnection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The connections the functions use: each setting as stored by the admin, else the environment default
 * ({@code mvsync.vtiger.*}, {@code mvsync.magento.*}). Settings are merged one by one, so storing only the access
 * key keeps the deployed URL and username. {@link #toString()} shows no secret.
 */
public final class EffectiveConnection {

    /** Where a setting's value comes from. */
    public enum Source {
        STORED, ENVIRONMENT, UNSET
    }

    private final Map<Setting, String> values;
    private final Map<Setting, Source> sources;
    private final Optional<VtigerConnection> vtiger;
    private final String vtigerProblem;
    private final MagentoConnection magento;

    private EffectiveConnection(Map<Setting, String> stored, Map<Setting, String> defaults) {
        Map<Setting, String> merged = new EnumMap<>(Setting.class);
        Map<Setting, Source> from = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            String s = blankToNull(stored.get(setting));
            String d = blankToNull(defaults.get(setting));
            if (s != null) {
                merged.put(setting, s);
                from.put(setting, Source.STORED);
            } else if (d != null) {
                merged.put(setting, d);
                from.put(setting, Source.ENVIRONMENT);
            } else {
                from.put(setting, Source.UNSET);
            }
        }
        this.values = Collections.unmodifiableMap(merged);
        this.sources = Collections.unmodifiableMap(from);
        VtigerConnection v = null;
        String problem = null;
        String url = merged.get(Setting.VTIGER_URL);
        String username = merged.get(Setting.VTIGER_USERNAME);
        String accessKey = merged.get(Setting.VTIGER_ACCESS_KEY);
        if (url == null || username == null || accessKey == null) {
            problem = "Vtiger is not configured: " + missing(url, "URL", username, "username", accessKey, "access key")
                    + " not set";
        } else {
            try {
                v = VtigerConnection.of(url, username, accessKey);
            } catch (IllegalArgumentException e) {
                problem = "Vtiger URL is not usable: " + e.getMessage();
            }
        }
        this.vtiger = Optional.ofNullable(v);
        this.vtigerProblem = problem;
        this.magento = new MagentoConnection(merged.get(Setting.MAGENTO_BASE_URL),
                merged.get(Setting.MAGENTO_STORE_CODE), authMode(merged.get(Setting.MAGENTO_AUTH_MODE)),
                merged.get(Setting.MAGENTO_ACCESS_TOKEN), merged.get(Setting.MAGENTO_CONSUMER_KEY),
                merged.get(Setting.MAGENTO_CONSUMER_SECRET), merged.get(Setting.MAGENTO_TOKEN),
                merged.get(Setting.MAGENTO_TOKEN_SECRET));
    }

    public static EffectiveConnection of(Map<Setting, String> stored, Map<Setting, String> defaults) {
        return new EffectiveConnection(stored, defaults);
    }

    /** The environment defaults as settings. */
    public static Map<Setting, String> defaults(VtigerConfig vtiger, MagentoRestConfig magento) {
        Map<Setting, String> d = new EnumMap<>(Setting.class);
        vtiger.url().ifPresent(v -> d.put(Setting.VTIGER_URL, v));
        vtiger.username().ifPresent(v -> d.put(Setting.VTIGER_USERNAME, v));
        vtiger.accessKey().ifPresent(v -> d.put(Setting.VTIGER_ACCESS_KEY, v));
        magento.baseUrl().ifPresent(v -> d.put(Setting.MAGENTO_BASE_URL, v));
        magento.storeCode().ifPresent(v -> d.put(Setting.MAGENTO_STORE_CODE, v));
        magento.adminUrl().ifPresent(v -> d.put(Setting.MAGENTO_ADMIN_URL, v));
        d.put(Setting.MAGENTO_AUTH_MODE, magento.authMode() == AuthMode.OAUTH1 ? "oauth1" : "bearer");
        magento.accessToken().ifPresent(v -> d.put(Setting.MAGENTO_ACCESS_TOKEN, v));
        magento.consumerKey().ifPresent(v -> d.put(Setting.MAGENTO_CONSUMER_KEY, v));
        magento.consumerSecret().ifPresent(v -> d.put(Setting.MAGENTO_CONSUMER_SECRET, v));
        magento.token().ifPresent(v -> d.put(Setting.MAGENTO_TOKEN, v));
        magento.tokenSecret().ifPresent(v -> d.put(Setting.MAGENTO_TOKEN_SECRET, v));
        return Collections.unmodifiableMap(d);
    }

    /** The Vtiger connection, when URL, username and access key are all set and the URL is usable. */
    public Optional<VtigerConnection> vtiger() {
        return vtiger;
    }

    /** Why {@link #vtiger()} is empty (names settings, never values); null when it is not. */
    public String vtigerProblem() {
        return vtigerProblem;
    }

    public MagentoConnection magento() {
        return magento;
    }

    /** The effective value of a setting (a secret too: for building clients and masked views only). */
    public Optional<String> value(Setting setting) {
        return Optional.ofNullable(values.get(setting));
    }

    public Source source(Setting setting) {
        return sources.get(setting);
    }

    private static AuthMode authMode(String text) {
        return "oauth1".equalsIgnoreCase(text) ? AuthMode.OAUTH1 : AuthMode.BEARER;
    }

    private static String missing(String a, String aName, String b, String bName, String c, String cName) {
        StringBuilder out = new StringBuilder();
        for (String[] pair : new String[][] { { a, aName }, { b, bName }, { c, cName } }) {
            if (pair[0] == null) {
                out.append(out.length() == 0 ? "" : ", ").append(pair[1]);
            }
        }
        return out.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "EffectiveConnection[" + vtiger.map(Object::toString).orElse(vtigerProblem) + ", " + magento + "]";
    }
}
