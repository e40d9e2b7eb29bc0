package com.mvsync.realvtiger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.functions.PollFunctions;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.ConflictRule;
import com.mvsync.mapping.Direction;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.MappingStore;
import com.mvsync.mapping.RecordType;
import com.mvsync.mapping.WriteRule;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.realvtiger.RealVtigerProfile;
import com.mvsync.testing.realvtiger.RealVtigerRecords;
import com.mvsync.testing.realvtiger.RealVtigerTier;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two-way sync against a real Vtiger 8.2.0 (and the Magento double): a Contact the sync made, revised in Vtiger from a
 * session of the test's own, reaches the Magento customer once through the Vtiger poll (VTQL on modifiedtime, as the
 * real server answers it) and the drain; Magento's save of it writes nothing back to Vtiger.
 */
@RealVtigerTier
@QuarkusTest
@TestProfile(TwoWayFlowsTest.Profile.class)
class TwoWayFlowsTest {

    /** The real Vtiger, and the Magento double as the store the write goes to. */
    public static class Profile extends RealVtigerProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("mvsync.magento.base-url", FakeMagentoResource.server().baseUrl());
            overrides.put("mvsync.magento.access-token", FakeMagentoResource.TOKEN);
            return overrides;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter MAGENTO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Inject
    PollFunctions poll;
    @Inject
    Drainer drainer;
    @Inject
    SettingsStore settings;
    @Inject
    MappingStore mappings;

    FakeMagentoServer magento = FakeMagentoResource.server();
    RealVtigerRecords vtiger;
    long id;
    String email;

    @BeforeEach
    void unique() {
        vtiger = new RealVtigerRecords();
        id = vtiger.nextId();
        email = vtiger.email("tw", id);
        magento.reset();
    }

    @AfterEach
    void leaveTheServerAsFound() {
        mappings.delete(RecordType.CONTACT, "phone");
        settings.update(SettingsUpdate.parse(json("{\"sources\":{\"customer\":{\"source\":\"webhooks\"}},"
                + "\"types\":{\"LEADS\":{\"enabled\":true},\"ORGANIZATIONS\":{\"enabled\":true}}}")));
        assertThat(vtiger.deleteAll()).as("records of the run still live in Vtiger").isEmpty();
    }

    @Test
    void aContactRevisedInTheRealVtigerReachesTheMagentoCustomerOnce() throws InterruptedException {
        settings.update(SettingsUpdate.parse(json("{\"sources\":{\"customer\":{\"source\":\"poll\",\"startFrom\":\""
                + Instant.now().minus(Duration.ofMinutes(10)) + "\"}},\"types\":{\"LEADS\":{\"enabled\":false},"
                + "\"ORGANIZATIONS\":{\"enabled\":false}}}")));
        mappings.put(new MappingRow(RecordType.CONTACT, "phone", "default_billing.telephone", true, "Phone",
                WriteRule.ALWAYS, false, false, Direction.BOTH, ConflictRule.NEWEST_WINS));
        ObjectNode customer = (ObjectNode) json(Samples.customer("rest/customer_get_42.json", id, email));
        customer.put("updated_at", MAGENTO.format(LocalDateTime.now(ZoneOffset.UTC).minusSeconds(5)));
        magento.putCustomer(customer);
        poll.magentoPoll();
        drain();
        List<JsonNode> contacts = vtiger.query("Contacts", "email = '" + email + "'");
        assertThat(contacts).hasSize(1);
        String contact = contacts.get(0).path("id").asText();
        poll.vtigerPoll(); // starts the cursor at Vtiger's latest modifiedtime, or reads the sync's own write
        drain();
        assertThat(customerWrites()).isEmpty();

        Thread.sleep(1_100); // modifiedtime has second resolution
        String phone = "+49 30 555 " + id % 10_000;
        vtiger.session().revise(Map.of("id", contact, "phone", phone));
        String revisedAt = vtiger.retrieve(contact).path("modifiedtime").asText();
        poll.vtigerPoll();
        drain();

        assertThat(customerWrites()).hasSize(1);
        assertThat(magentoPhone()).isEqualTo(phone);
        poll.magentoPoll();
        drain();
        poll.vtigerPoll();
        drain();
        assertThat(customerWrites()).hasSize(1);
        assertThat(vtiger.retrieve(contact).path("modifiedtime").asText()).as("nothing written back to Vtiger")
                .isEqualTo(revisedAt);
    }

    private List<FakeMagentoServer.Write> customerWrites() {
        return magento.writes().stream().filter(w -> w.path().equals("/V1/customers/" + id)).toList();
    }

    private String magentoPhone() {
        ObjectNode customer = magento.entity("customers", Long.toString(id));
        String billing = customer.path("default_billing").asText();
        for (JsonNode a : customer.path("addresses")) {
            if (a.path("id").asText().equals(billing)) {
                return a.path("telephone").asText();
            }
        }
        throw new AssertionError("no default billing address");
    }

    private void drain() {
        drainer.drain(new DrainRequest(Duration.ofSeconds(20), 2, Set.of(EntityType.CUSTOMER),
                Instant.now().plusSeconds(120)));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
