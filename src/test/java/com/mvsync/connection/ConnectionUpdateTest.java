package com.mvsync.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing and validating the admin's PUT body. */
class ConnectionUpdateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConnectionUpdate parse(String json) throws Exception {
        return ConnectionUpdate.parse((ObjectNode) JSON.readTree(json));
    }

    @Test
    void acceptsTheVtigerUrlAsAdminsPasteIt() throws Exception {
        for (String url : new String[] { "https://crm.example.com", "https://crm.example.com/",
                "https://crm.example.com/webservice.php", " https://crm.example.com/WEBSERVICE.PHP " }) {
            assertThat(parse("{\"vtiger\":{\"url\":\"" + url + "\"}}").changes())
                    .containsEntry(Setting.VTIGER_URL, Optional.of("https://crm.example.com"));
        }
        assertThat(parse("{\"vtiger\":{\"url\":\"https://example.com/crm/webservice.php\"}}").changes())
                .containsEntry(Setting.VTIGER_URL, Optional.of("https://example.com/crm"));
    }

    @Test
    void omittedIsKeptNullAndEmptyClear() throws Exception {
        ConnectionUpdate update = parse("{\"vtiger\":{\"accessKey\":null,\"username\":\"  \"},"
                + "\"magento\":{\"authMode\":\"OAuth1\",\"storeCode\":\"default\"}}");
        assertThat(update.changes()).containsOnlyKeys(Setting.VTIGER_ACCESS_KEY, Setting.VTIGER_USERNAME,
                Setting.MAGENTO_AUTH_MODE, Setting.MAGENTO_STORE_CODE);
        assertThat(update.changes().get(Setting.VTIGER_ACCESS_KEY)).isEmpty();
        assertThat(update.changes().get(Setting.VTIGER_USERNAME)).isEmpty();
        assertThat(update.changes().get(Setting.MAGENTO_AUTH_MODE)).contains("oauth1");
        assertThat(update.describe()).contains("vtiger.accessKey (cleared)", "magento.authMode");
    }

    @Test
    void refusesWhatCannotWorkWithAMessage() {
        assertThatThrownBy(() -> parse("{\"vtiger\":{\"url\":\"crm.example.com\"}}"))
                .isInstanceOf(InvalidConnectionException.class).hasMessageContaining("vtiger.url 'crm.example.com'")
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> parse("{\"magento\":{\"baseUrl\":\"ftp://shop\"}}"))
                .hasMessageStartingWith("magento.baseUrl 'ftp://shop' is not usable");
        assertThatThrownBy(() -> parse("{\"magento\":{\"storeCode\":\"de fault\"}}"))
                .hasMessageContaining("is not a Magento store code");
        assertThatThrownBy(() -> parse("{\"magento\":{\"authMode\":\"basic\"}}"))
                .hasMessageStartingWith("magento.authMode must be bearer");
        assertThatThrownBy(() -> parse("{\"vtiger\":{\"password\":\"x\"}}"))
                .hasMessage("unknown property 'vtiger.password'; vtiger has url, username, accessKey");
        assertThatThrownBy(() -> parse("{\"crm\":{}}")).hasMessageStartingWith("unknown property 'crm'");
        assertThatThrownBy(() -> parse("{\"vtiger\":\"https://crm\"}")).hasMessage("vtiger must be a JSON object");
        assertThatThrownBy(() -> parse("{\"vtiger\":{\"username\":42}}"))
                .hasMessage("vtiger.username must be a string (or null to clear it)");
    }

    @Test
    void aRefusedSecretIsNeverQuoted() {
        assertThatThrownBy(() -> parse("{\"vtiger\":{\"accessKey\":\"Secret Key 123\"}}"))
                .hasMessageStartingWith("vtiger.accessKey contains spaces").hasMessageNotContaining("Secret Key");
        String tooLong = "S".repeat(ConnectionUpdate.MAX_SECRET + 1);
        assertThatThrownBy(() -> parse("{\"magento\":{\"tokenSecret\":\"" + tooLong + "\"}}"))
                .hasMessage("magento.tokenSecret is longer than 1024 characters");
    }
}
