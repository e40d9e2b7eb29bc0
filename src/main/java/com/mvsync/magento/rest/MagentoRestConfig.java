package com.mvsync.magento.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Connection to the Magento REST API ({@code mvsync.magento.*}). Create an integration in the Magento admin
 * (System > Integrations) with read access to customers, products and sales; it yields the four OAuth values below.
 */
@ConfigMapping(prefix = "mvsync.magento")
public interface MagentoRestConfig {

    /** Store code used when none is configured; see {@link #storeCode()}. */
    String DEFAULT_STORE_CODE = "all";

    /** Shop URL, e.g. {@code https://shop.example.com}; a trailing '/', '/rest' or '/rest/V1' is accepted. */
    Optional<String> baseUrl();

    /**
     * Store code in {@code /rest/<store>/V1}. Defaults to {@value #DEFAULT_STORE_CODE}: the admin (global) scope,
     * which exists on every install and returns global product values rather than one store view's overrides.
     * {@code default} would be the default store view, but merchants may rename that code.
     */
    Optional<String> storeCode();

    /**
     * Magento's admin URL, e.g. {@code https://shop.example.com/admin} (the front name is often changed): only the
     * console uses it, to link an entity's page.
     */
    Optional<String> adminUrl();

    /**
     * Bearer mode: the integration's access token. Magento 2.4.4+ only accepts it as a bearer token when "Allow
     * OAuth Access Tokens to be used as standalone Bearer tokens" is enabled (Stores > Configuration > Services >
     * OAuth); otherwise use {@code oauth1}.
     */
    Optional<String> accessToken();

    @WithDefault("bearer")
    AuthMode authMode();

    /** OAuth 1.0a mode: the integration's consumer key. */
    Optional<String> consumerKey();

    Optional<String> consumerSecret();

    /** OAuth 1.0a mode: the integration's access token. */
    Optional<String> token();

    Optional<String> tokenSecret();

    /** HMAC-SHA256 needs Magento 2.4.4+; older stores only verify HMAC-SHA1. */
    @WithDefault("hmac-sha256")
    OAuth1Signer.SignatureMethod signatureMethod();

    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * A page of 100 orders with items can take seconds on a busy store, but every caller runs inside a Lambda with a
     * 30 s timeout behind API Gateway's 30 s limit (a webhook completing a partial order, the connection check, a
     * backfill call with a 20 s budget): a hanging Magento must fail well before that.
     */
    @WithDefault("12s")
    Duration readTimeout();

    /**
     * How long an attribute's option labels are reused ({@code label(custom_attributes.code)} rows): options are
     * renamed rarely, and each sync of a customer or product would otherwise ask for every labelled attribute.
     */
    @WithDefault("15m")
    Duration attributeTtl();

    /** searchCriteria[pageSize] for backfill paging. */
    @WithDefault("100")
    int pageSize();

    enum AuthMode {
        /** {@code Authorization: Bearer <access token>}. */
        BEARER,
        /** OAuth 1.0a signed requests with the integration's consumer and token secrets. */
        OAUTH1
    }
}
