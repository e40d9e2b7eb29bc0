package com.mvsync.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.testing.moto.DynamoDbTestClients.RequestCounter;
import com.mvsync.testing.moto.SsmTestClients;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The settings in SSM Parameter Store (moto): layout, encryption, keep-on-omit, clear, one read call. */
class ConnectionStoreTest {

    static final String ACCESS_KEY = "VtigerSecretKeyAb12";
    static final String TOKEN = "magento-token-9f8e7d6c";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestCounter counter = new RequestCounter();
    private final SsmClient ssm = SsmTestClients.create(counter);
    private final String prefix = "/store-test-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    private final ConnectionStore store = new ConnectionStore(ssm, JSON, prefix);

    @AfterEach
    void cleanUp() {
        SsmTestClients.deleteAll(ssm, prefix);
        ssm.close();
    }

    static ConnectionUpdate update(String json) throws Exception {
        return ConnectionUpdate.parse((ObjectNode) JSON.readTree(json));
    }

    @Test
    void storesPlainSettingsAsOneStringAndEachSecretAsSecureString() throws Exception {
        store.apply(update("{\"vtiger\":{\"url\":\"https://crm.example.com/webservice.php\",\"username\":\"sync\","
                + "\"accessKey\":\"" + ACCESS_KEY + "\"},\"magento\":{\"baseUrl\":\"https://shop.example.com/\","
                + "\"authMode\":\"bearer\",\"accessToken\":\"" + TOKEN + "\"}}"));

        Map<Setting, String> read = store.read();
        assertThat(read).containsEntry(Setting.VTIGER_URL, "https://crm.example.com")
                .containsEntry(Setting.VTIGER_USERNAME, "sync").containsEntry(Setting.VTIGER_ACCESS_KEY, ACCESS_KEY)
                .containsEntry(Setting.MAGENTO_BASE_URL, "https://shop.example.com")
                .containsEntry(Setting.MAGENTO_AUTH_MODE, "bearer").containsEntry(Setting.MAGENTO_ACCESS_TOKEN, TOKEN)
                .hasSize(6);

        Parameter key = raw("vtiger/access-key");
        assertThat(key.type()).isEqualTo(ParameterType.SECURE_STRING);
        assertThat(key.value()).as("stored encrypted, not as plain text").isNotEqualTo(ACCESS_KEY);
        assertThat(raw("magento/access-token").type()).isEqualTo(ParameterType.SECURE_STRING);
        Parameter plain = raw("settings");
        assertThat(plain.type()).isEqualTo(ParameterType.STRING);
        assertThat(plain.value()).contains("\"vtiger.url\":\"https://crm.example.com\"")
                .doesNotContain(ACCESS_KEY).doesNotContain(TOKEN);
    }

    @Test
    void anOmittedSecretIsKeptAndAnExplicitNullOrEmptyClearsIt() throws Exception {
        store.apply(update("{\"vtiger\":{\"url\":\"https://crm.example.com\",\"username\":\"sync\","
                + "\"accessKey\":\"" + ACCESS_KEY + "\"},\"magento\":{\"accessToken\":\"" + TOKEN + "\"}}"));

        store.apply(update("{\"vtiger\":{\"username\":\"other\"}}"));
        assertThat(store.read()).containsEntry(Setting.VTIGER_USERNAME, "other")
                .containsEntry(Setting.VTIGER_ACCESS_KEY, ACCESS_KEY).containsEntry(Setting.MAGENTO_ACCESS_TOKEN, TOKEN);

        store.apply(update("{\"vtiger\":{\"accessKey\":null},\"magento\":{\"accessToken\":\"\"}}"));
        assertThat(store.read()).doesNotContainKeys(Setting.VTIGER_ACCESS_KEY, Setting.MAGENTO_ACCESS_TOKEN)
                .containsEntry(Setting.VTIGER_URL, "https://crm.example.com");
        assertThat(names()).containsExactly(prefix + "settings");

        store.apply(update("{\"vtiger\":{\"url\":null,\"username\":\"\"}}"));
        assertThat(store.read()).isEmpty();
        assertThat(names()).as("nothing left behind").isEmpty();
    }

    @Test
    void readsEverySettingWithOneGetParametersByPathCall() throws Exception {
        store.apply(update("{\"vtiger\":{\"url\":\"https://crm.example.com\",\"username\":\"sync\","
                + "\"accessKey\":\"k1-abcdefgh\"},\"magento\":{\"baseUrl\":\"https://shop.example.com\","
                + "\"storeCode\":\"default\",\"adminUrl\":\"https://shop.example.com/admin\","
                + "\"authMode\":\"oauth1\",\"accessToken\":\"t-abcdefgh\","
                + "\"consumerKey\":\"ck-abcdefgh\",\"consumerSecret\":\"cs-abcdefgh\",\"token\":\"tk-abcdefgh\","
                + "\"tokenSecret\":\"ts-abcdefgh\"}}"));
        counter.reset();

        Map<Setting, String> read = store.read();

        assertThat(read).hasSize(Setting.values().length);
        assertThat(counter.of("GetParametersByPath")).isEqualTo(1);
        assertThat(counter.total()).isEqualTo(1);
    }

    @Test
    void anUnchangedPlainSettingIsNotWrittenAgain() throws Exception {
        store.apply(update("{\"vtiger\":{\"url\":\"https://crm.example.com\"}}"));
        counter.reset();
        store.apply(update("{\"vtiger\":{\"url\":\"https://crm.example.com/\",\"accessKey\":\"" + ACCESS_KEY + "\"}}"));
        assertThat(counter.of("PutParameter")).as("only the secret").isEqualTo(1);
        Map<Setting, Optional<String>> none = new EnumMap<>(Setting.class);
        assertThat(store.apply(new ConnectionUpdate(none))).containsKey(Setting.VTIGER_ACCESS_KEY);
    }

    private Parameter raw(String relative) {
        return ssm.getParameter(b -> b.name(prefix + relative).withDecryption(false)).parameter();
    }

    private java.util.List<String> names() {
        return ssm.getParametersByPath(b -> b.path(prefix.substring(0, prefix.length() - 1)).recursive(true))
                .parameters().stream().map(Parameter::name).toList();
    }
}
