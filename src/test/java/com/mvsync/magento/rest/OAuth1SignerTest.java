package com.mvsync.magento.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.mvsync.magento.rest.OAuth1Signer.Credentials;
import com.mvsync.magento.rest.OAuth1Signer.Param;
import com.mvsync.magento.rest.OAuth1Signer.SignatureMethod;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OAuth1SignerTest {

    // RFC 5849 section 1.2 (the photos.example.net request), also used in 3.4: known base string and signature.
    private static final String RFC_BASE_STRING = "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg"
            + "%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1"
            + "%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal";
    private static final String RFC_SIGNATURE = "MdpQcU8iPSUjWoN/UDMsK2sui9I=";

    /*
     * HMAC-SHA256 vector computed independently with Python 3 (hmac, hashlib, base64, urllib.parse):
     * enc = quote(s, safe=''); base string = "GET&" + enc(scheme://host[:port]path) + "&" + enc(sorted encoded
     * "k=v" joined by '&') with the query parsed by parse_qsl; key = enc(consumer secret) + "&" + enc(token secret);
     * b64encode(hmac.new(key, base, sha256).digest()). Inputs: the URL, oauth params and secrets below.
     */
    private static final String SHA256_URL = "HTTPS://Shop.Example.COM:8443/rest/all/V1/products/MB%20TRAVEL%2F01%C3%BC"
            + "?searchCriteria%5BcurrentPage%5D=2&searchCriteria%5BpageSize%5D=100&q=a+b~c*";
    private static final String SHA256_CONSUMER_SECRET = "cs+secret/ü";
    private static final String SHA256_TOKEN_SECRET = "ts&secret=1";
    private static final String SHA256_BASE_STRING = "GET&https%3A%2F%2Fshop.example.com%3A8443%2Frest%2Fall%2FV1"
            + "%2Fproducts%2FMB%2520TRAVEL%252F01%25C3%25BC&oauth_consumer_key%3Dck7a9f2e1b%26oauth_nonce"
            + "%3D4f3c2b1a0e9d8c7b%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1718000000"
            + "%26oauth_token%3Dtk5d6e7f80%26oauth_version%3D1.0%26q%3Da%2520b~c%252A%26searchCriteria%255BcurrentPage"
            + "%255D%3D2%26searchCriteria%255BpageSize%255D%3D100";
    private static final String SHA256_SIGNATURE = "Jd/dD2lZjh04+j/DXxQvzXBLOTstrXU9TjVHBTBRzIk=";

    @Test
    void rfc5849PhotosExample() {
        URI uri = URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original");
        List<Param> params = new ArrayList<>(OAuth1Signer.queryParams(uri.getRawQuery()));
        params.add(new Param("oauth_consumer_key", "dpf43f3p2l4k3l03"));
        params.add(new Param("oauth_token", "nnch734d00sl2jdk"));
        params.add(new Param("oauth_signature_method", "HMAC-SHA1"));
        params.add(new Param("oauth_timestamp", "137131202"));
        params.add(new Param("oauth_nonce", "chapoH"));

        String base = OAuth1Signer.signatureBaseString("GET", uri, params);

        assertThat(base).isEqualTo(RFC_BASE_STRING);
        assertThat(OAuth1Signer.sign(SignatureMethod.HMAC_SHA1, base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"))
                .isEqualTo(RFC_SIGNATURE);
    }

    @Test
    void rfc5849Section341BaseStringWithDuplicatesEmptyValuesAndFormBody() {
        // RFC 5849 3.4.1.1: query "b5=%3D%253D&a3=a&c%40=&a2=r%20b", body "c2&a3=2+q", oauth params from the header.
        URI uri = URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        List<Param> params = new ArrayList<>(OAuth1Signer.queryParams(uri.getRawQuery()));
        params.addAll(OAuth1Signer.queryParams("c2&a3=2+q"));
        params.add(new Param("realm", "Example"));
        params.add(new Param("oauth_consumer_key", "9djdj82h48djs9d2"));
        params.add(new Param("oauth_token", "kkk9d7dh3k39sjv7"));
        params.add(new Param("oauth_signature_method", "HMAC-SHA1"));
        params.add(new Param("oauth_timestamp", "137131201"));
        params.add(new Param("oauth_nonce", "7d8f3e4a"));
        params.add(new Param("oauth_signature", "ignored"));

        assertThat(OAuth1Signer.signatureBaseString("POST", uri, params)).isEqualTo(
                "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540"
                        + "%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a"
                        + "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token"
                        + "%3Dkkk9d7dh3k39sjv7");
    }

    @Test
    void hmacSha256VectorFromPython() {
        OAuth1Signer signer = new OAuth1Signer(
                new Credentials("ck7a9f2e1b", SHA256_CONSUMER_SECRET, "tk5d6e7f80", SHA256_TOKEN_SECRET),
                SignatureMethod.HMAC_SHA256, () -> "4f3c2b1a0e9d8c7b", () -> 1718000000L);

        String header = signer.authorizationHeader("get", URI.create(SHA256_URL));
        Map<String, String> fields = headerFields(header);

        assertThat(header).startsWith("OAuth realm=\"\", oauth_consumer_key=\"ck7a9f2e1b\"");
        assertThat(fields).containsEntry("oauth_signature_method", "HMAC-SHA256")
                .containsEntry("oauth_timestamp", "1718000000").containsEntry("oauth_nonce", "4f3c2b1a0e9d8c7b")
                .containsEntry("oauth_token", "tk5d6e7f80").containsEntry("oauth_version", "1.0")
                .containsEntry("oauth_signature", OAuth1Signer.percentEncode(SHA256_SIGNATURE));
        assertThat(header).doesNotContain("cs+secret", "ts&secret", OAuth1Signer.percentEncode(SHA256_TOKEN_SECRET));

        List<Param> params = new ArrayList<>(OAuth1Signer.queryParams(URI.create(SHA256_URL).getRawQuery()));
        fields.forEach((k, v) -> params.add(new Param(k, v)));
        assertThat(OAuth1Signer.signatureBaseString("GET", URI.create(SHA256_URL), params))
                .isEqualTo(SHA256_BASE_STRING);
    }

    @Test
    void percentEncodingEdgeCases() {
        assertThat(OAuth1Signer.percentEncode("a b")).isEqualTo("a%20b");
        assertThat(OAuth1Signer.percentEncode("~-._")).isEqualTo("~-._");
        assertThat(OAuth1Signer.percentEncode("a+b")).isEqualTo("a%2Bb");
        assertThat(OAuth1Signer.percentEncode("*")).isEqualTo("%2A");
        assertThat(OAuth1Signer.percentEncode("ü€")).isEqualTo("%C3%BC%E2%82%AC");
        assertThat(OAuth1Signer.percentEncode("[]=&/%")).isEqualTo("%5B%5D%3D%26%2F%25");
        assertThat(OAuth1Signer.percentEncode("AZaz09")).isEqualTo("AZaz09");
    }

    @Test
    void baseStringUriDropsDefaultPortsAndLowercasesSchemeAndHost() {
        assertThat(OAuth1Signer.baseStringUri(URI.create("HTTP://EXAMPLE.COM:80/r%20v/X?id=123")))
                .isEqualTo("http://example.com/r%20v/X");
        assertThat(OAuth1Signer.baseStringUri(URI.create("https://www.example.net:8080/?q=1")))
                .isEqualTo("https://www.example.net:8080/");
        assertThat(OAuth1Signer.baseStringUri(URI.create("https://shop.example.com:443")))
                .isEqualTo("https://shop.example.com/");
    }

    @Test
    void freshNonceEachRequestAndSecretsNeverShown() {
        Credentials credentials = new Credentials("key", "consumer-secret-x", "tok", "token-secret-y");
        OAuth1Signer signer = new OAuth1Signer(credentials, SignatureMethod.HMAC_SHA1);
        URI uri = URI.create("https://shop.example.com/rest/all/V1/customers/1");

        String first = signer.authorizationHeader("GET", uri);
        String second = signer.authorizationHeader("GET", uri);

        assertThat(headerFields(first).get("oauth_nonce")).isNotEqualTo(headerFields(second).get("oauth_nonce"));
        assertThat(first + credentials).doesNotContain("consumer-secret-x", "token-secret-y");
    }

    private static Map<String, String> headerFields(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(oauth_[a-z_]+)=\"([^\"]*)\"").matcher(header);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }
}
