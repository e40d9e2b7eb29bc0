package com.mvsync.admin;

import com.mvsync.connection.EffectiveConnection;
import com.mvsync.connection.Setting;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The connection settings as the admin API shows them: the effective values (stored, else the environment
 * default), where each comes from, and for a secret only whether it is set and its last four characters.
 */
@RegisterForReflection
public record ConnectionView(VtigerSettings vtiger, MagentoSettings magento, Map<String, String> sources) {

    /** Shorter secrets show no characters at all: four of six would give most of it away. */
    static final int MIN_LENGTH_FOR_LAST4 = 8;

    @RegisterForReflection
    public record Secret(boolean set, String last4) {
        static Secret of(EffectiveConnection effective, Setting setting) {
            String value = effective.value(setting).orElse(null);
            if (value == null) {
                return new Secret(false, null);
            }
            return new Secret(true, value.length() >= MIN_LENGTH_FOR_LAST4 ? value.substring(value.length() - 4)
                    : null);
        }

        @Override
        public String toString() {
            return "Secret[set=" + set + "]";
        }
    }

    @RegisterForReflection
    public record VtigerSettings(String url, String username, Secret accessKey, boolean configured,
            String problem) {
    }

    @RegisterForReflection
    public record MagentoSettings(String baseUrl, String storeCode, String adminUrl, String authMode, Secret accessToken,
            Secret consumerKey, Secret consumerSecret, Secret token, Secret tokenSecret, boolean configured,
            String problem) {
    }

    /** {@code magentoProblem}: why the Magento connection is unusable, null when it is usable. */
    static ConnectionView of(EffectiveConnection effective, String magentoProblem) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            sources.put(setting.key(), effective.source(setting).name().toLowerCase(Locale.ROOT));
        }
        VtigerSettings vtiger = new VtigerSettings(text(effective, Setting.VTIGER_URL),
                text(effective, Setting.VTIGER_USERNAME), Secret.of(effective, Setting.VTIGER_ACCESS_KEY),
                effective.vtiger().isPresent(), effective.vtigerProblem());
        MagentoSettings magento = new MagentoSettings(text(effective, Setting.MAGENTO_BASE_URL),
                text(effective, Setting.MAGENTO_STORE_CODE), text(effective, Setting.MAGENTO_ADMIN_URL),
                effective.magento().authMode().name().toLowerCase(Locale.ROOT),
                Secret.of(effective, Setting.MAGENTO_ACCESS_TOKEN), Secret.of(effective, Setting.MAGENTO_CONSUMER_KEY),
                Secret.of(effective, Setting.MAGENTO_CONSUMER_SECRET), Secret.of(effective, Setting.MAGENTO_TOKEN),
                Secret.of(effective, Setting.MAGENTO_TOKEN_SECRET), magentoProblem == null,
                magentoProblem == null ? null : "Magento REST is not configured: " + magentoProblem);
        return new ConnectionView(vtiger, magento, sources);
    }

    private static String text(EffectiveConnection effective, Setting setting) {
        return effective.value(setting).orElse(null);
    }
}
