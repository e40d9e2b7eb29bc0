package com.mvsync.connection;

import static com.mvsync.text.Text.abbreviate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.http.HttpUrl;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.vtiger.VtigerConnection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated change of the stored settings: a setting mapped to a value stores it, mapped to an empty Optional
 * clears it (the environment default applies again); a setting left out is kept as stored.
 */
public record ConnectionUpdate(Map<Setting, Optional<String>> changes) {

    static final int MAX_URL = 2048;
    static final int MAX_TEXT = 255;
    static final int MAX_SECRET = 1024;
    private static final Pattern STORE_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]*");
    private static final Pattern NO_SPACE = Pattern.compile("\\S+");

    public ConnectionUpdate {
        changes = Collections.unmodifiableMap(new EnumMap<>(changes.isEmpty() ? new EnumMap<>(Setting.class)
                : changes));
    }

    /**
     * The admin API body: {@code {"vtiger": {"url", "username", "accessKey"}, "magento": {"baseUrl", "storeCode",
     * "authMode", "accessToken", "consumerKey", "consumerSecret", "token", "tokenSecret"}}}, each part optional.
     */
    public static ConnectionUpdate parse(ObjectNode body) {
        Map<Setting, Optional<String>> changes = new EnumMap<>(Setting.class);
        for (Iterator<Map.Entry<String, JsonNode>> systems = body.fields(); systems.hasNext();) {
            Map.Entry<String, JsonNode> system = systems.next();
            if (!List.of("vtiger", "magento").contains(system.getKey())) {
                throw new InvalidConnectionException("unknown property '" + abbreviate(system.getKey())
                        + "'; the body has a vtiger and a magento object");
            }
            if (!(system.getValue() instanceof ObjectNode fields)) {
                throw new InvalidConnectionException(system.getKey() + " must be a JSON object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                Setting setting = Setting.of(system.getKey(), field.getKey()).orElseThrow(() ->
                        new InvalidConnectionException("unknown property '" + system.getKey() + "."
                                + abbreviate(field.getKey()) + "'; " + system.getKey() + " has "
                                + String.join(", ", fieldsOf(system.getKey()))));
                changes.put(setting, value(setting, field.getValue()));
            }
        }
        return new ConnectionUpdate(changes);
    }

    /** Which settings the update touches, as {@code vtiger.url} keys, for the log (never values). */
    public List<String> describe() {
        return changes.entrySet().stream()
                .map(e -> e.getKey().key() + (e.getValue().isPresent() ? "" : " (cleared)")).toList();
    }

    private static Optional<String> value(Setting setting, JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new InvalidConnectionException(setting.key() + " must be a string (or null to clear it)");
        }
        String text = node.textValue().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(normalise(setting, text));
    }

    private static String normalise(Setting setting, String text) {
        if (setting.secret()) {
            // Never quote the value: it is a secret.
            if (text.length() > MAX_SECRET) {
                throw new InvalidConnectionException(setting.key() + " is longer than " + MAX_SECRET + " characters");
            }
            if (!NO_SPACE.matcher(text).matches()) {
                throw new InvalidConnectionException(setting.key()
                        + " contains spaces or control characters; paste the value alone");
            }
            return text;
        }
        if (!PRINTABLE.matcher(text).matches()) {
            throw new InvalidConnectionException(setting.key() + " contains control characters");
        }
        return switch (setting) {
            case VTIGER_URL -> {
                checkLength(setting, text, MAX_URL);
                try {
                    yield VtigerConnection.normaliseBaseUri(text).toString();
                } catch (IllegalArgumentException e) {
                    throw new InvalidConnectionException("vtiger.url '" + abbreviate(text) + "' is not usable: "
                            + e.getMessage() + " (with or without /webservice.php)");
                }
            }
            case MAGENTO_BASE_URL -> {
                checkLength(setting, text, MAX_URL);
                try {
                    MagentoRestClient.restBaseUri(text, null);
                } catch (IllegalArgumentException e) {
                    throw new InvalidConnectionException("magento.baseUrl '" + abbreviate(text) + "' is not usable: "
                            + e.getMessage());
                }
                yield text.replaceAll("/+$", "");
            }
            case MAGENTO_ADMIN_URL -> {
                checkLength(setting, text, MAX_URL);
                if (HttpUrl.parse(text).isEmpty()) {
                    throw new InvalidConnectionException("magento.adminUrl '" + abbreviate(text) + "' is not an"
                            + " http(s) URL such as https://shop.example.com/admin");
                }
                yield text.replaceAll("/+$", "");
            }
            case MAGENTO_STORE_CODE -> {
                if (!STORE_CODE.matcher(text).matches()) {
                    throw new InvalidConnectionException("magento.storeCode '" + abbreviate(text) + "' is not a"
                            + " Magento store code (letters, digits and _, starting with a letter), such as all or"
                            + " default");
                }
                yield text;
            }
            case MAGENTO_AUTH_MODE -> switch (text.toLowerCase(Locale.ROOT)) {
                case "bearer", "token" -> "bearer";
                case "oauth1", "oauth" -> "oauth1";
                default -> throw new InvalidConnectionException("magento.authMode must be bearer (the integration's"
                        + " access token) or oauth1 (consumer key/secret and token/secret), not '"
                        + abbreviate(text) + "'");
            };
            default -> {
                checkLength(setting, text, MAX_TEXT);
                yield text;
            }
        };
    }

    private static void checkLength(Setting setting, String text, int max) {
        if (text.length() > max) {
            throw new InvalidConnectionException(setting.key() + " is longer than " + max + " characters");
        }
    }

    private static List<String> fieldsOf(String system) {
        return java.util.Arrays.stream(Setting.values()).filter(s -> s.system().equals(system))
                .map(Setting::field).toList();
    }
}
