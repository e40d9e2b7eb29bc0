package com.mvsync.connection;

import java.util.Arrays;
import java.util.Optional;

/**
 * One connection setting the admin can store. Secrets are kept each in its own SecureString parameter
 * ({@link #parameterName()}); the plain settings together in one String parameter as JSON, keyed by {@link #key()}.
 */
public enum Setting {
    VTIGER_URL("vtiger", "url", false),
    VTIGER_USERNAME("vtiger", "username", false),
    VTIGER_ACCESS_KEY("vtiger", "accessKey", true),
    MAGENTO_BASE_URL("magento", "baseUrl", false),
    MAGENTO_STORE_CODE("magento", "storeCode", false),
    /** Where the console links an entity's page in Magento's admin (the admin's front name is the store's own). */
    MAGENTO_ADMIN_URL("magento", "adminUrl", false),
    MAGENTO_AUTH_MODE("magento", "authMode", false),
    MAGENTO_ACCESS_TOKEN("magento", "accessToken", true),
    // The consumer key and access token identify the integration rather than prove it, but with their secrets they
    // are the integration's credentials: they are handled as secrets too.
    MAGENTO_CONSUMER_KEY("magento", "consumerKey", true),
    MAGENTO_CONSUMER_SECRET("magento", "consumerSecret", true),
    MAGENTO_TOKEN("magento", "token", true),
    MAGENTO_TOKEN_SECRET("magento", "tokenSecret", true);

    private final String system;
    private final String field;
    private final boolean secret;

    Setting(String system, String field, boolean secret) {
        this.system = system;
        this.field = field;
        this.secret = secret;
    }

    /** {@code vtiger} or {@code magento}: the object of the admin API body the setting belongs to. */
    public String system() {
        return system;
    }

    /** The property name in the admin API body, e.g. {@code accessKey}. */
    public String field() {
        return field;
    }

    /** {@code vtiger.accessKey}: names the setting in messages and in the stored JSON of plain settings. */
    public String key() {
        return system + "." + field;
    }

    public boolean secret() {
        return secret;
    }

    /** Below the parameter prefix: {@code vtiger/access-key}. Only secrets have a parameter of their own. */
    public String parameterName() {
        return system + "/" + field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Setting> of(String system, String field) {
        return Arrays.stream(values()).filter(s -> s.system.equals(system) && s.field.equals(field)).findFirst();
    }
}
