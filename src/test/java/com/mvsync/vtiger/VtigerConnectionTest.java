package com.mvsync.vtiger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VtigerConnectionTest {

    @ParameterizedTest
    @ValueSource(strings = { "https://crm.example.com", "https://crm.example.com/", "https://crm.example.com//",
            "https://crm.example.com/webservice.php", " https://crm.example.com/WebService.php " })
    void acceptsWhatAdminsPaste(String url) {
        assertThat(VtigerConnection.normaliseBaseUri(url)).hasToString("https://crm.example.com");
    }

    @Test
    void keepsASubPath() {
        assertThat(VtigerConnection.normaliseBaseUri("http://host:8088/vtiger/webservice.php"))
                .hasToString("http://host:8088/vtiger");
    }

    @Test
    void refusesWhatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> VtigerConnection.normaliseBaseUri("crm.example.com"))
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> VtigerConnection.normaliseBaseUri("ftp://crm.example.com"))
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> VtigerConnection.normaliseBaseUri(" ")).hasMessageContaining("empty");
    }

    @Test
    void neverShowsTheAccessKey() {
        VtigerConnection c = VtigerConnection.of("https://crm.example.com", "admin", "s3cr3tAccessKey1");
        assertThat(c.toString()).doesNotContain("s3cr3tAccessKey1").contains("admin");
    }
}
