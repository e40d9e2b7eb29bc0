package com.mvsync.vtiger;

import com.mvsync.http.HttpUrl;
import java.net.URI;
import java.util.Locale;

/**
 * Where and as whom to reach Vtiger. The access key is kept out of {@link #toString()} so that a connection can be
 * logged or put into an exception without leaking it.
 */
public record VtigerConnection(URI baseUri, String username, String accessKey) {

    public VtigerConnection {
        if (baseUri == null || username == null || username.isBlank() || accessKey == null || accessKey.isBlank()) {
            throw new IllegalArgumentException("Vtiger URL, username and access key are all required");
        }
    }

    /**
     * Accepts what admins paste: {@code https://crm.example.com}, {@code https://crm.example.com/} or
     * {@code https://crm.example.com/webservice.php}, and returns the base the REST client appends
     * {@code /webservice.php} to.
     */
    public static URI normaliseBaseUri(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Vtiger URL is empty");
        }
        String trimmed = url.trim();
        if (trimmed.toLowerCase(Locale.ROOT).endsWith("/webservice.php")) {
            trimmed = trimmed.substring(0, trimmed.length() - "/webservice.php".length());
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return HttpUrl.parse(trimmed).orElseThrow(() -> new IllegalArgumentException(
                "Vtiger URL must be an http(s) URL such as https://crm.example.com"));
    }

    public static VtigerConnection of(String url, String username, String accessKey) {
        return new VtigerConnection(normaliseBaseUri(url), username, accessKey);
    }

    @Override
    public String toString() {
        return "VtigerConnection[" + baseUri + " as " + username + "]";
    }
}
