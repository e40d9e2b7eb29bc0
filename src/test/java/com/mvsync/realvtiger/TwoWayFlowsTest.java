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
import com.mvsync.store.LogLine;
import com.mvsync.store.SyncLog;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.realvtiger.RealVtigerProfile;
import com.mvsync.testing.realvtiger.RealVtigerRecords;
import com.mvsync.testing.realvtiger.RealVtigerTier;
import com.mvsync.testing.twoway.LinkedCustomers;
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
 * real server answers it) and the drain; Magento's save of it writes nothing back to Vtiger. A personal Organization
 * flows back to its customer the same way; a company's, shared by its members, does not.
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
    @Inject
    SyncLog syncLog;

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
        mappings.delete(RecordType.ORGANIZATION, "bill_city");
        settings.update(SettingsUpdate.parse(json("{\"sources\":{\"customer\":{\"source\":\"webhooks\"}},"
                + "\"types\":{\"LEADS\":{\"enabled\":true},\"ORGANIZATIONS\":{\"enabled\":true}}}")));
        assertThat(vtiger.deleteAll()).as("records of the run still live in Vtiger").isEmpty();
    }

    @Test
    void aContactRevisedInTheRealVtigerReachesTheMagentoCustomerOnce() throws InterruptedException {
        String contact = contactSyncedWithPhoneBothWays(ConflictRule.NEWEST_WINS);
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

    /**
     * Both sides change a Contact's phone between two syncs: the CRM user's edit in the real Vtiger first, then the
     * customer's own in Magento. The Magento side's sync reads the Contact (the real server's answer, not the
     * double's), sees Vtiger's value changed since the agreed one, and the row's rule (vtiger-wins) keeps it: nothing
     * is written to Vtiger, Magento gets Vtiger's value once, the log keeps both values, and the Vtiger poll after it
     * writes nothing more.
     */
    @Test
    void aConflictSeenFromTheMagentoSideKeepsTheRealVtigersValueUnderVtigerWins() throws InterruptedException {
        String contact = contactSyncedWithPhoneBothWays(ConflictRule.VTIGER_WINS);

        Thread.sleep(1_100); // modifiedtime has second resolution
        String crmPhone = "+49 30 777 " + id % 10_000;
        vtiger.session().revise(Map.of("id", contact, "phone", crmPhone));
        String revisedAt = vtiger.retrieve(contact).path("modifiedtime").asText();
        ObjectNode edited = magento.entity("customers", Long.toString(id));
        String billing = edited.path("default_billing").asText();
        for (JsonNode a : edited.path("addresses")) {
            if (a.path("id").asText().equals(billing)) {
                ((ObjectNode) a).put("telephone", "+49 30 111 " + id % 10_000);
            }
        }
        edited.put("updated_at", MAGENTO.format(LocalDateTime.now(ZoneOffset.UTC)));
        magento.putCustomer(edited);
        int before = customerWrites().size();
        poll.magentoPoll(); // the Magento side's sync meets the CRM user's edit first
        drain();

        assertThat(vtiger.retrieve(contact).path("phone").asText()).isEqualTo(crmPhone);
        assertThat(vtiger.retrieve(contact).path("modifiedtime").asText()).as("nothing written to Vtiger")
                .isEqualTo(revisedAt);
        assertThat(magentoPhone()).as("Vtiger's value won, written to Magento").isEqualTo(crmPhone);
        assertThat(customerWrites()).hasSize(before + 1);
        List<String> notes = syncLog.history(EntityType.CUSTOMER.key(Long.toString(id)), 10).stream()
                .flatMap(e -> e.notes().stream()).filter(n -> n.startsWith(LogLine.CONFLICT_NOTE)).toList();
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0)).contains(crmPhone).contains("+49 30 111 " + id % 10_000);

        poll.vtigerPoll();
        drain();
        poll.magentoPoll();
        drain();
        assertThat(customerWrites()).as("then silence").hasSize(before + 1);
        assertThat(vtiger.retrieve(contact).path("modifiedtime").asText()).isEqualTo(revisedAt);
    }

    /**
     * The customer (Contacts only) with its phone mapped both ways under {@code rule}, synced to the real Vtiger by
     * Magento's poll, and the Vtiger poll's cursor started at Vtiger's latest modifiedtime (or the sync's own write
     * read: nothing to send); its Contact's id.
     */
    private String contactSyncedWithPhoneBothWays(ConflictRule rule) {
        settings.update(SettingsUpdate.parse(json("{\"sources\":{\"customer\":{\"source\":\"poll\",\"startFrom\":\""
                + Instant.now().minus(Duration.ofMinutes(10)) + "\"}},\"types\":{\"LEADS\":{\"enabled\":false},"
                + "\"ORGANIZATIONS\":{\"enabled\":false}}}")));
        mappings.put(new MappingRow(RecordType.CONTACT, "phone", "default_billing.telephone", true, "Phone",
                WriteRule.ALWAYS, false, false, Direction.BOTH, rule));
        ObjectNode customer = (ObjectNode) json(Samples.customer("rest/customer_get_42.json", id, email));
        customer.put("updated_at", MAGENTO.format(LocalDateTime.now(ZoneOffset.UTC).minusSeconds(5)));
        magento.putCustomer(customer);
        poll.magentoPoll();
        drain();
        List<JsonNode> contacts = vtiger.query("Contacts", "email = '" + email + "'");
        assertThat(contacts).hasSize(1);
        poll.vtigerPoll();
        drain();
        return contacts.get(0).path("id").asText();
    }

    /**
     * A customer's personal Organization (no company: named after the customer, its one Contact the customer's) and a
     * company's Organization shared by two members, both revised in the real Vtiger by the CRM user: the personal
     * one's billing city reaches its customer's default billing address once, the Contact follows through Magento's
     * save of it, the Organization gets no echo; the company's reaches no member.
     */
    @Test
    void aPersonalOrganizationRevisedInTheRealVtigerReachesItsCustomerAndACompanysReachesNoMember()
            throws InterruptedException {
        settings.update(SettingsUpdate.parse(json("{\"sources\":{\"customer\":{\"source\":\"poll\",\"startFrom\":\""
                + Instant.now().minus(Duration.ofMinutes(10)) + "\"}},\"types\":{\"LEADS\":{\"enabled\":false}}}")));
        mappings.put(new MappingRow(RecordType.ORGANIZATION, "bill_city", "default_billing.city", true,
                "Billing city", WriteRule.ALWAYS, false, false, Direction.BOTH, ConflictRule.NEWEST_WINS));
        long first = vtiger.nextId();
        long second = vtiger.nextId();
        String company = "Brandt Logistics " + first;
        putCustomer(id, email, null);
        putCustomer(first, vtiger.email("twc", first), company);
        putCustomer(second, vtiger.email("twc", second), company);
        poll.magentoPoll();
        drain();
        List<JsonNode> personal = vtiger.query("Accounts", "email1 = '" + email + "'");
        List<JsonNode> shared = vtiger.query("Accounts", "accountname = '" + company + "'");
        assertThat(personal).hasSize(1);
        assertThat(shared).hasSize(1);
        String organization = personal.get(0).path("id").asText();
        String contact = vtiger.query("Contacts", "email = '" + email + "'").get(0).path("id").asText();
        poll.vtigerPoll(); // starts the cursors at Vtiger's latest modifiedtime, or reads the sync's own writes
        drain();
        assertThat(magento.writes()).isEmpty();

        Thread.sleep(1_100); // modifiedtime has second resolution
        String city = "Hamburg " + id % 10_000;
        vtiger.session().revise(Map.of("id", organization, "bill_city", city));
        vtiger.session().revise(Map.of("id", shared.get(0).path("id").asText(), "bill_city", "Bremen"));
        String revisedAt = vtiger.retrieve(organization).path("modifiedtime").asText();
        poll.vtigerPoll();
        drain();

        assertThat(customerWrites()).hasSize(1);
        assertThat(billingCity(id)).isEqualTo(city);
        assertThat(magento.writes()).as("no member of the company written").hasSize(1);
        poll.magentoPoll();
        drain();
        assertThat(vtiger.retrieve(contact).path("mailingcity").asText()).as("the Contact follows").isEqualTo(city);
        poll.vtigerPoll();
        drain();
        assertThat(magento.writes()).as("then silence").hasSize(1);
        assertThat(vtiger.retrieve(organization).path("modifiedtime").asText()).as("no echo to the Organization")
                .isEqualTo(revisedAt);
    }

    /** A customer in the Magento double: the sample, with its billing address's company or none. */
    private void putCustomer(long customerId, String mail, String company) {
        ObjectNode customer = LinkedCustomers.sample(customerId, mail, company);
        customer.put("updated_at", MAGENTO.format(LocalDateTime.now(ZoneOffset.UTC).minusSeconds(5)));
        magento.putCustomer(customer);
    }

    private String billingCity(long customerId) {
        return LinkedCustomers.billing(magento, customerId, "city");
    }

    private List<FakeMagentoServer.Write> customerWrites() {
        return magento.writes().stream().filter(w -> w.path().equals("/V1/customers/" + id)).toList();
    }

    private String magentoPhone() {
        return LinkedCustomers.telephone(magento, id);
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
