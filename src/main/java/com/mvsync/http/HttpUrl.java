package com.mvsync.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one check of a URL the product is given (Vtiger's, Magento's REST base and admin URLs): absolute, http or https,
 * with a host. Each caller says in its own words what it expected.
 */
public final class HttpUrl {

    private HttpUrl() {
    }

    /** The URL, when it is an absolute http(s) URL with a host; empty otherwise. */
    public static Optional<URI> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? Optional.of(uri)
                : Optional.empty();
    }
}
