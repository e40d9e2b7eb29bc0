package com.mvsync.connection;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * What "Check connection" found, per system. {@code ok: false} comes with a {@code reason} code and a message for the
 * admin; neither ever contains a secret.
 */
@RegisterForReflection
public record CheckReport(VtigerCheck vtiger, MagentoCheck magento) {

    /** Reason codes. */
    public static final String NOT_CONFIGURED = "not_configured";
    public static final String WRONG_URL = "wrong_url";
    public static final String WRONG_CREDENTIALS = "wrong_credentials";
    public static final String UNREACHABLE = "unreachable";
    public static final String TLS = "tls";
    public static final String TIMEOUT = "timeout";
    public static final String ERROR = "error";

    /** Connected and usable ({@code ok}), connected with something the admin should change, or not connected. */
    public enum Status {
        OK, ATTENTION, FAILED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param status {@code attention} when connected but a module or the user's currency preferences need a change
     * @param currency the sync user's currency preferences (null when not connected)
     */
    @RegisterForReflection
    public record VtigerCheck(boolean ok, String reason, String message, String url, String version, String user,
            String userId, Map<String, ModuleCheck> modules, Status status, CurrencyCheck currency) {

        static VtigerCheck failed(String reason, String message, String url) {
            return new VtigerCheck(false, reason, message, url, null, null, null, null, Status.FAILED, null);
        }
    }

    /**
     * The sync user's My Preferences > Currency and Number Format, which Vtiger applies to every currency value the
     * sync writes: {@code warnings} say what to change (empty when nothing), or why they could not be read.
     */
    @RegisterForReflection
    public record CurrencyCheck(Integer decimals, String decimalSeparator, String groupingSeparator, String currency,
            Boolean baseCurrency, List<String> warnings) {
    }

    /** One module: whether the user may use it, and the mandatory fields the mapping leaves unfilled. */
    @RegisterForReflection
    public record ModuleCheck(boolean accessible, List<String> mandatoryUnmapped, String message) {
    }

    @RegisterForReflection
    public record MagentoCheck(boolean ok, String reason, String message, String restUrl, String authMode,
            Integer customers) {
    }
}
