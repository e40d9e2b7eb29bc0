package com.mvsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mvsync.settings.FirstLink;
import com.mvsync.settings.RecordPolicy;
import com.mvsync.store.EntityLink;
import com.mvsync.testing.Policies;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write rules of one record, against the Vtiger double (which stores what a stock 8.2.0 stores) and moto: never
 * twice, never altered without a note, found records brought up to Magento's values, unique values respected.
 * This deployment believes Contacts.mailingcity holds 60 characters (a customised Vtiger would), while the double keeps
 * stock 8.2.0's 40: the write check must notice.
 */
@QuarkusTest
@TestProfile(RecordWriterTest.WiderCityThanVtiger.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class RecordWriterTest {

    public static final class WiderCityThanVtiger implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mvsync.vtiger.field-limit-overrides", "Contacts.mailingcity=60");
        }
    }

    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 30_000_000L);

    @Inject
    RecordWriter writer;
    @Inject
    Policies policies;

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    long id;
    String email;

    @BeforeEach
    void unique() {
        id = ids.incrementAndGet();
        email = "writer" + id + "@example.com";
        vtiger.resetCounts();
    }

    @AfterEach
    void reset() {
        policies.reset();
        vtiger.setCurrencyDecimals(FakeVtigerServer.ADMIN_USER, 2);
    }

    private EntityLink link() {
        return EntityLink.empty("customer#" + id);
    }

    private Fields contact(String lastname, String city) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("lastname", lastname);
        values.put("email", email);
        values.put("mailingcity", city);
        return new Fields(values, values);
    }

    private RecordWriter.Lookup byEmail() {
        return RecordWriter.Lookup.by(Map.of("email", email));
    }

    @Test
    void aNewRecordIsCreatedOnceAndAnUnchangedSaveWritesNothing() {
        RecordWriter.Written made = writer.write(link(), "Contacts", contact("Keller", "Basel"), byEmail(), true);

        assertThat(made.outcome().action()).isEqualTo(RecordOutcome.Action.CREATED);
        assertThat(made.notes()).isEmpty();
        vtiger.resetCounts();
        RecordWriter.Written again = writer.write(made.link(), "Contacts", contact("Keller", "Basel"), byEmail(), true);

        assertThat(again.outcome().action()).isEqualTo(RecordOutcome.Action.UNCHANGED);
        assertThat(vtiger.totalCalls()).isZero();
    }

    @Test
    void anEditRevisesOnlyWhatChanged() {
        RecordWriter.Written made = writer.write(link(), "Contacts", contact("Keller", "Basel"), byEmail(), true);
        vtiger.resetCounts();

        RecordWriter.Written edited = writer.write(made.link(), "Contacts", contact("Keller", "Zürich"), byEmail(),
                true);

        assertThat(edited.outcome().action()).isEqualTo(RecordOutcome.Action.UPDATED);
        assertThat(vtiger.elements("revise")).containsExactly(Map.of("id", made.outcome().id(), "mailingcity",
                "Zürich"));
    }

    @Test
    void aValueVtigerStoresShorterThanThisDeploymentBelievesIsNoted() {
        String city = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"; // 58 characters

        RecordWriter.Written made = writer.write(link(), "Contacts", contact("Jones", city), byEmail(), true);

        assertThat(vtiger.record(made.outcome().id()).orElseThrow().get("mailingcity")).isEqualTo(city.substring(0, 40));
        assertThat(made.notes()).containsExactly("Contacts.mailingcity stored by Vtiger differently from what was sent"
                + " (58 characters sent, 40 stored): a customised field or picklist?");
    }

    @Test
    void aPriceVtigerRoundsToTheSyncUsersCurrencyDecimalsIsNotedWithThePreferenceToChange() {
        vtiger.setCurrencyDecimals(FakeVtigerServer.ADMIN_USER, 0); // a stock admin who never saw My Preferences
        Map<String, String> product = new LinkedHashMap<>();
        product.put("productname", "Rounded Tee " + id);
        product.put("productcode", "SKU-ROUND-" + id);
        product.put("unit_price", "7.50");
        RecordWriter.Lookup bySku = RecordWriter.Lookup.by(Map.of("productcode", "SKU-ROUND-" + id));

        RecordWriter.Written made = writer.write(link(), "Products", new Fields(product, product), bySku, true);

        assertThat(vtiger.record(made.outcome().id()).orElseThrow().get("unit_price")).isEqualTo("8.00000000");
        assertThat(made.notes()).containsExactly("Products.unit_price 7.50 stored as 8.00: the Vtiger user admin"
                + " rounds to 0 decimals; set My Preferences > Currency decimals to 2");
        product.put("unit_price", "19.999");
        RecordWriter.Written revised = writer.write(made.link(), "Products", new Fields(product, product), bySku,
                true);

        assertThat(revised.notes()).containsExactly("Products.unit_price 19.999 stored as 20.00: the Vtiger user"
                + " admin rounds to 0 decimals; set My Preferences > Currency decimals to 3");
    }

    @Test
    void aPriceKeptAsSentMakesNoNote() {
        Map<String, String> product = new LinkedHashMap<>();
        product.put("productname", "Exact Tee " + id);
        product.put("productcode", "SKU-EXACT-" + id);
        product.put("unit_price", "7.50");

        RecordWriter.Written made = writer.write(link(), "Products", new Fields(product, product),
                RecordWriter.Lookup.by(Map.of("productcode", "SKU-EXACT-" + id)), true);

        assertThat(vtiger.record(made.outcome().id()).orElseThrow().get("unit_price")).isEqualTo("7.50000000");
        assertThat(made.notes()).isEmpty();
    }

    @Test
    void aRecordFoundByItsLookupIsRevisedOnlyWhereMagentoDiffersAndNeverCleared() {
        String found = vtiger.seed("Contacts", Map.of("lastname", "Keller", "email", email, "mailingcity", "Bern",
                "assigned_user_id", "19x1"));

        RecordWriter.Written linked = writer.write(link(), "Contacts", contact("Keller", ""), byEmail(), true);

        assertThat(linked.outcome()).isEqualTo(new RecordOutcome("Contacts", found, RecordOutcome.Action.LINKED));
        assertThat(vtiger.calls("revise") + vtiger.calls("create")).isZero();
        assertThat(linked.notes()).isEmpty();
        assertThat(vtiger.record(found).orElseThrow()).containsEntry("mailingcity", "Bern");
    }

    @Test
    void theFirstLinkFollowsTheRecordPolicy() {
        String magentoWins = vtiger.seed("Contacts", Map.of("lastname", "Kellr", "email", email,
                "assigned_user_id", "19x1"));
        writer.write(link(), "Contacts", contact("Keller", "Basel"), byEmail(), true);
        assertThat(vtiger.record(magentoWins).orElseThrow()).containsEntry("lastname", "Keller")
                .containsEntry("mailingcity", "Basel");

        policies.set(RecordPolicy.DEFAULT.withFirstLink(FirstLink.VTIGER_WINS));
        unique();
        String vtigerWins = vtiger.seed("Contacts", Map.of("lastname", "Kellr", "email", email,
                "assigned_user_id", "19x1"));
        RecordWriter.Written kept = writer.write(link(), "Contacts", contact("Keller", "Basel"), byEmail(), true);

        assertThat(vtiger.calls("revise")).isZero();
        assertThat(vtiger.record(vtigerWins).orElseThrow()).containsEntry("lastname", "Kellr");
        assertThat(kept.link().lastWrittenTo("Contacts")).containsEntry("lastname", "Keller");
        assertThat(kept.notes()).containsExactly("Contacts " + vtigerWins + " found in Vtiger and linked; Vtiger's"
                + " values kept for lastname, mailingcity (first link: Vtiger wins)");
    }

    @Test
    void aTakenUniqueNameGetsTheAlternativeOrADeadLetterNamingTheHolder() {
        String name = "Org " + id;
        String holder = vtiger.seed("Accounts", Map.of("accountname", name, "assigned_user_id", "19x1"));
        Fields organization = new Fields(Map.of("accountname", name.toUpperCase()), Map.of("accountname",
                name.toUpperCase()));
        RecordWriter.Lookup lookup = RecordWriter.Lookup.by(Map.of("accountname", name.toUpperCase(), "email1",
                email));

        RecordWriter.Written renamed = writer.write(link(), "Accounts", organization, lookup, true,
                Optional.of(new RecordWriter.WhenTaken("accountname", name + " (" + email + ")",
                        Map.of("accountname", name + " (" + email + ")"))));

        assertThat(vtiger.record(renamed.outcome().id()).orElseThrow()).containsEntry("accountname",
                name + " (" + email + ")");
        assertThat(renamed.notes()).first().asString().contains("is taken by another record (" + holder);
        assertThatThrownBy(() -> writer.write(EntityLink.empty("customer#x" + id), "Accounts", organization, lookup,
                true)).isInstanceOf(RecordRefusedException.class).hasMessageContaining("Accounts " + holder
                        + " holds the value");
    }

    @Test
    void twoEntitiesWhoseCutIdentitiesCollideAreNeverMerged() {
        String stem = ("P" + id + "-").concat("X".repeat(40)).substring(0, 40);
        Fields first = new Fields(Map.of("productname", "Red", "productcode", stem + "-RED"),
                Map.of("productname", "Red", "productcode", stem + "-RED"));
        Fields second = new Fields(Map.of("productname", "Blue", "productcode", stem + "-BLUE"),
                Map.of("productname", "Blue", "productcode", stem + "-BLUE"));

        RecordWriter.Written made = writer.write(EntityLink.empty("product#" + stem + "-RED"), "Products", first,
                RecordWriter.Lookup.by(Map.of("productcode", stem + "-RED")), true);
        // The same entity again, with its link lost: found by the cut form and claimed by itself.
        RecordWriter.Written again = writer.write(EntityLink.empty("product#" + stem + "-RED"), "Products", first,
                RecordWriter.Lookup.by(Map.of("productcode", stem + "-RED")), true);

        assertThat(again.outcome().id()).isEqualTo(made.outcome().id());
        assertThatThrownBy(() -> writer.write(EntityLink.empty("product#" + stem + "-BLUE"), "Products", second,
                RecordWriter.Lookup.by(Map.of("productcode", stem + "-BLUE")), true))
                .isInstanceOf(RecordRefusedException.class)
                .hasMessageContaining("belongs to product#" + stem + "-RED");
        assertThat(vtiger.records("Products").stream().filter(p -> stem.equals(p.get("productcode")))).hasSize(1);
    }
}
