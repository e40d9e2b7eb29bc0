package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.mvsync.settings.FirstLink;
import com.mvsync.settings.RecordPolicy;
import com.mvsync.store.LogEntry;
import com.mvsync.store.SyncLog;
import com.mvsync.store.Written;
import com.mvsync.testing.Policies;
import com.mvsync.testing.lambda.FunctionProfiles;
import com.mvsync.testing.lambda.Invoke;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /webhooks/customers/updated}, invoked through the Lambda mock event server: an edit revises only what
 * changed, an unchanged save writes nothing, a customer never synced is created as on registration.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class CustomersUpdatedFunctionTest {

    static final String PATH = "/webhooks/customers/updated";
    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 50);

    static final String REST = "rest/customer_get_42.json";
    static final String IO_EDITED = "adobe-io-events/02_customer_save_commit_after_edited.json";
    static final String WEBHOOK_EDITED = "adobe-commerce-webhooks/02_observer.customer_save_commit_after_edited.json";
    static final String MAGEPLAZA_UPDATE = "mageplaza/update_customer.json";

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    @Inject
    Policies policies;
    @Inject
    SyncLog syncLog;
    long id;
    String email;

    @BeforeEach
    void uniqueCustomer() {
        id = ids.incrementAndGet();
        email = "u" + id + "@example.com";
        vtiger.clearFaults();
        vtiger.resetCounts();
    }

    @AfterEach
    void clear() {
        vtiger.clearFaults();
        policies.reset();
    }

    private JsonPath send(String body) {
        return Invoke.signed(PATH, body, 200);
    }

    private String sample(String resource) {
        return Samples.customer(resource, id, email);
    }

    private List<Map<String, Object>> withEmail(String module, String field) {
        return vtiger.records(module).stream().filter(r -> email.equals(r.get(field))).toList();
    }

    private Map<String, Object> record(String vtigerId) {
        return vtiger.record(vtigerId).orElseThrow(() -> new AssertionError("no Vtiger record " + vtigerId));
    }

    private int writes() {
        return vtiger.calls("create") + vtiger.calls("revise") + vtiger.calls("update");
    }

    @ParameterizedTest
    @ValueSource(strings = { REST, IO_EDITED, WEBHOOK_EDITED, MAGEPLAZA_UPDATE })
    void aCustomerNeverSyncedIsCreatedAsOnRegistration(String resource) {
        JsonPath result = send(sample(resource));

        assertThat(result.getString("status")).isEqualTo("synced");
        assertThat(result.getString("entityId")).isEqualTo(Long.toString(id));
        assertThat(result.getList("records.module")).containsExactly("Leads", "Accounts", "Contacts");
        assertThat(result.getList("records.action")).containsExactly("CREATED", "CREATED", "CREATED");
        String lead = result.getString("vtiger.Leads");
        String account = result.getString("vtiger.Accounts");
        String contact = result.getString("vtiger.Contacts");
        assertThat(lead).startsWith("10x");
        assertThat(account).startsWith("11x");
        assertThat(contact).startsWith("12x");

        // The REST snapshot predates the rename; every edit sample carries the new name. Only REST has addresses.
        boolean rest = resource.equals(REST);
        String lastname = rest ? Samples.surname(id) : Samples.editedSurname(id);
        assertThat(withEmail("Leads", "email")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("id", lead).containsEntry("firstname", "Maria").containsEntry("lastname", lastname)
                .containsEntry("leadsource", "Web Site").containsEntry("description", "Magento customer #" + id));
        assertThat(withEmail("Contacts", "email")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("id", contact).containsEntry("lastname", lastname).containsEntry("account_id", account));
        assertThat(record(account)).containsEntry("email1", email)
                .containsEntry("accountname", rest ? "Keller Design " + id : "Maria " + Samples.editedSurname(id));

        assertThat(vtiger.calls("create")).isEqualTo(3);
        assertThat(vtiger.calls("create", "Leads")).isEqualTo(1);
        assertThat(vtiger.calls("create", "Accounts")).isEqualTo(1);
        assertThat(vtiger.calls("create", "Contacts")).isEqualTo(1);
        assertThat(vtiger.calls("revise") + vtiger.calls("update")).isZero();
        assertThat(vtiger.calls("query")).as("one lookup per record type").isEqualTo(3);
        assertThat(vtiger.served().stream().filter(s -> s.operation().equals("query")).map(s -> s.request().get("query")))
                .as("the entity's first lock: looked up while the event was claimed, one query per module")
                .allSatisfy(q -> assertThat(q).contains(" IN ("));
    }

    @Test
    void anEditAfterASyncRevisesOnlyTheLastnameOfLeadAndContact() {
        JsonPath first = send(sample(REST));
        String lead = first.getString("vtiger.Leads");
        String account = first.getString("vtiger.Accounts");
        String contact = first.getString("vtiger.Contacts");
        Map<String, Object> accountBefore = record(account);
        Map<String, Object> leadBefore = record(lead);
        vtiger.resetCounts();

        JsonPath edited = send(sample(IO_EDITED));

        assertThat(edited.getMap("vtiger")).isEqualTo(first.getMap("vtiger"));
        assertThat(edited.getString("action")).isEqualTo("updated");
        assertThat(edited.getList("records.action")).containsExactly("UPDATED", "UNCHANGED", "UPDATED");
        // Exactly the field that changed, nothing the I/O payload does not carry (it has no addresses).
        assertThat(vtiger.elements("revise")).containsExactly(
                Map.of("id", lead, "lastname", Samples.editedSurname(id)),
                Map.of("id", contact, "lastname", Samples.editedSurname(id)));
        assertThat(vtiger.calls("revise")).isEqualTo(2);
        assertThat(vtiger.calls("revise", "Accounts")).isZero();
        assertThat(vtiger.calls("create") + vtiger.calls("update") + vtiger.calls("query")).isZero();

        Map<String, Object> leadAfter = record(lead);
        assertThat(leadAfter).containsEntry("lastname", Samples.editedSurname(id)).containsEntry("firstname", "Maria")
                .containsEntry("phone", "415-555-0134").containsEntry("city", "San Francisco")
                .containsEntry("company", "Keller Design " + id);
        assertThat(leadAfter.get("lane")).isEqualTo(leadBefore.get("lane"));
        assertThat(record(contact)).containsEntry("lastname", Samples.editedSurname(id)).containsEntry("account_id", account)
                .containsEntry("mailingcity", "San Francisco").containsEntry("othercity", "Chicago")
                .containsEntry("birthday", "1988-03-21");
        assertThat(record(account)).as("the Organization is untouched").isEqualTo(accountBefore)
                .containsEntry("accountname", "Keller Design " + id);
        assertThat(withEmail("Leads", "email")).hasSize(1);
        assertThat(withEmail("Contacts", "email")).hasSize(1);
    }

    @Test
    void theLogKeepsTheLabelTheRecordNamesAndWhatAnEditChangedNewestFirst() {
        send(sample(REST));
        send(sample(IO_EDITED));

        List<LogEntry> history = syncLog.history("customer#" + id, 10);
        assertThat(history).hasSize(2);
        LogEntry edit = history.get(0);
        LogEntry created = history.get(1);
        assertThat(edit.at()).isGreaterThanOrEqualTo(created.at());
        assertThat(created.label()).isEqualTo("Maria " + Samples.surname(id) + " <" + email + ">");
        assertThat(edit.label()).isEqualTo("Maria " + Samples.editedSurname(id) + " <" + email + ">");
        assertThat(edit.vtigerNames()).containsEntry("Contacts", "Maria " + Samples.editedSurname(id))
                .containsEntry("Leads", "Maria " + Samples.editedSurname(id))
                .containsEntry("Accounts", "Keller Design " + id);
        // The edit: exactly the lastname of Lead and Contact, before and after; the first sync wrote from nothing.
        assertThat(edit.changes()).containsExactly(
                new Written.Change("Contacts", "lastname", Samples.surname(id), Samples.editedSurname(id), false),
                new Written.Change("Leads", "lastname", Samples.surname(id), Samples.editedSurname(id), false));
        assertThat(created.changes()).isNotEmpty().allSatisfy(c -> assertThat(c.before()).isNull())
                .anySatisfy(c -> assertThat(c).isEqualTo(
                        new Written.Change("Contacts", "lastname", null, Samples.surname(id), false)));
    }

    @Test
    void anUnchangedSaveCostsNoVtigerWrite() {
        String body = sample(REST);
        JsonPath first = send(body);
        vtiger.resetCounts();
        String resaved = body.replace("\"updated_at\": \"2024-05-14 09:12:33\"", "\"updated_at\": \"2024-08-01 10:00:00\"");
        assertThat(resaved).as("a new event, not a redelivery").isNotEqualTo(body);

        JsonPath again = send(resaved);

        assertThat(again.getString("replayed")).as("not a redelivery").isNull();
        assertThat(again.getMap("vtiger")).isEqualTo(first.getMap("vtiger"));
        assertThat(again.getList("records.action")).containsExactly("UNCHANGED", "UNCHANGED", "UNCHANGED");
        assertThat(writes()).isZero();
        assertThat(vtiger.calls("query")).as("linked records need no lookup").isZero();
    }

    @Test
    void theSameEditSavedAgainAsANewEventCostsNoVtigerWrite() {
        send(sample(REST));
        send(sample(IO_EDITED));
        vtiger.resetCounts();
        String body = sample(IO_EDITED).replace("evt-" + id, "evt-" + id + "-again")
                .replace("\"updated_at\": \"2024-07-10 11:05:52\"", "\"updated_at\": \"2024-07-10 11:09:00\"");

        JsonPath again = send(body);

        assertThat(again.getString("replayed")).as("not a redelivery").isNull();
        assertThat(again.getList("records.action")).containsExactly("UNCHANGED", "UNCHANGED", "UNCHANGED");
        assertThat(writes()).isZero();
    }

    @Test
    void aRedeliveryCostsNoVtigerCall() {
        send(sample(REST));
        String body = sample(IO_EDITED);
        JsonPath first = send(body);
        vtiger.resetCounts();

        JsonPath again = send(body);

        assertThat(again.getBoolean("replayed")).isTrue();
        assertThat(again.getMap("vtiger")).isEqualTo(first.getMap("vtiger"));
        assertThat(again.getList("records.action")).isEqualTo(first.getList("records.action"));
        assertThat(vtiger.totalCalls()).isZero();
        assertThat(withEmail("Contacts", "email")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("lastname", Samples.editedSurname(id)));
    }

    @Test
    void aContactMadeByHandIsLinkedNotDuplicatedAndRevisedToMagentosValuesOnFirstLink() {
        String handMade = vtiger.seed("Contacts", Map.of("firstname", "M.", "lastname", "Hand-made", "email", email,
                "assigned_user_id", "19x1"));

        JsonPath result = send(sample(IO_EDITED));

        assertThat(result.getString("vtiger.Contacts")).isEqualTo(handMade);
        assertThat(result.getList("records.action")).containsExactly("CREATED", "CREATED", "LINKED");
        assertThat(vtiger.calls("create", "Contacts")).isZero();
        assertThat(vtiger.elements("revise")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("id", handMade).containsEntry("firstname", "Maria")
                .containsEntry("lastname", Samples.editedSurname(id)).containsKey("account_id").doesNotContainKey("email"));
        assertThat(result.getList("notes", String.class)).anySatisfy(n -> assertThat(n)
                .startsWith("Contacts " + handMade + " found in Vtiger and linked; ").contains("lastname")
                .endsWith(" revised to Magento's values"));
        assertThat(withEmail("Contacts", "email")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("id", handMade).containsEntry("lastname", Samples.editedSurname(id)));
        vtiger.resetCounts();

        // What the first link wrote counts as written: the next edit sends only what changed since.
        JsonPath next = send(sample(MAGEPLAZA_UPDATE));

        assertThat(next.getList("records.action")).containsExactly("UNCHANGED", "UNCHANGED", "UPDATED");
        assertThat(vtiger.elements("revise")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("id", handMade).containsEntry("birthday", "1988-03-21")
                .doesNotContainKeys("email", "firstname", "lastname"));
        assertThat(vtiger.calls("create")).isZero();
        assertThat(withEmail("Contacts", "email")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("id", handMade).containsEntry("lastname", Samples.editedSurname(id)));
    }

    @Test
    void underVtigerWinsAContactMadeByHandKeepsItsValuesAndLaterEditsSendOnlyWhatChanged() {
        policies.set(RecordPolicy.DEFAULT.withFirstLink(FirstLink.VTIGER_WINS));
        String handMade = vtiger.seed("Contacts", Map.of("firstname", "M.", "lastname", "Hand-made", "email", email,
                "assigned_user_id", "19x1"));

        JsonPath result = send(sample(IO_EDITED));

        assertThat(result.getList("records.action")).containsExactly("CREATED", "CREATED", "LINKED");
        assertThat(vtiger.calls("revise") + vtiger.calls("update")).isZero();
        assertThat(result.getList("notes", String.class)).anySatisfy(n -> assertThat(n)
                .startsWith("Contacts " + handMade + " found in Vtiger and linked; Vtiger's values kept for ")
                .contains("lastname").endsWith("(first link: Vtiger wins)"));
        assertThat(record(handMade)).containsEntry("lastname", "Hand-made").containsEntry("firstname", "M.");
        vtiger.resetCounts();

        JsonPath next = send(sample(MAGEPLAZA_UPDATE));

        assertThat(next.getList("records.action")).containsExactly("UNCHANGED", "UNCHANGED", "UPDATED");
        assertThat(vtiger.elements("revise")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("birthday", "1988-03-21").doesNotContainKeys("firstname", "lastname"));
        assertThat(record(handMade)).containsEntry("lastname", "Hand-made").containsEntry("firstname", "M.");
    }
}
