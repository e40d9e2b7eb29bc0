package com.mvsync.vtiger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "mvsync.vtiger")
public interface VtigerConfig {

    /** Vtiger base URL; {@code https://crm.example.com}, with or without {@code /webservice.php}. */
    Optional<String> url();

    Optional<String> username();

    /** The user's access key from Vtiger's "My Preferences" page (not the password). */
    Optional<String> accessKey();

    /** Owner of created records, e.g. {@code 19x5}; defaults to the user the function logs in as. */
    Optional<String> assignedUserId();

    @WithDefault("5s")
    Duration connectTimeout();

    /** Vtiger answers creates in ~40 ms; a long tail means trouble, and the Lambda timeout must stay above it. */
    @WithDefault("15s")
    Duration readTimeout();

    /**
     * Login attempts when another container wins the race for the user's single challenge token. Bounded, so a truly
     * wrong access key fails fast instead of looping.
     */
    @WithDefault("4")
    int loginAttempts();

    /**
     * Column sizes of a customised Vtiger where they differ from stock 8.2.0's ({@code field_limits_8.2.0.tsv}):
     * {@code Products.productcode=64,Contacts.mailingstreet=500}; {@code unlimited} for a field widened to text.
     */
    Optional<String> fieldLimitOverrides();

    /**
     * Logged-in sessions per container, and so the most Vtiger calls it makes at once. Vtiger serves the calls of one
     * session one after another (PHP's session lock), so parallel calls need a session each; the next is logged in
     * only when a call finds all busy. Keep it small: Vtiger's PHP server has few workers.
     */
    @WithDefault("4")
    int sessions();

    /** How long a describe result is trusted before it is fetched again. */
    @WithDefault("1h")
    Duration describeTtl();
}
