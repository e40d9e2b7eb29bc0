package com.mvsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mvsync.store.StoreConfig;
import com.mvsync.store.StoreException;
import com.mvsync.store.SyncTable;
import com.mvsync.testing.MutableClock;
import com.mvsync.testing.moto.DynamoDbTestClients.RequestCounter;
import com.mvsync.testing.moto.DynamoDbTestClients;
import com.mvsync.testing.moto.TestStoreConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Mapping rows in DynamoDB (moto): the item layout, admin reads and writes, and the per-type read cache. */
class MappingStoreTest {

    static final RequestCounter requests = new RequestCounter();
    static DynamoDbClient dynamo;
    static SyncTable table;
    static final StoreConfig storeConfig = new TestStoreConfig("mapping-store-test");
    static final MappingConfig tenSeconds = () -> Duration.ofSeconds(10);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    MappingStore store;

    @BeforeAll
    static void createTable() {
        dynamo = DynamoDbTestClients.create(requests);
        table = new SyncTable(dynamo, storeConfig);
        table.createIfMissing();
    }

    @BeforeEach
    void emptyMapping() {
        store = new MappingStore(dynamo, table, tenSeconds, clock);
        store.all().forEach(r -> store.delete(r.type(), r.vtigerField()));
        requests.reset();
    }

    @Test
    void aRowIsStoredAsOneItemInTheMappingPartition() {
        store.put(MappingRow.of(RecordType.CONTACT, "cf_loyalty", "custom_attributes.loyalty_tier", "Loyalty"));

        var item = dynamo.getItem(b -> b.tableName(storeConfig.table()).key(Map.of(
                "pk", av("MAPPING"), "sk", av("CONTACT#cf_loyalty")))).item();
        assertThat(item.get("magento_field").s()).isEqualTo("custom_attributes.loyalty_tier");
        assertThat(item.get("active").bool()).isTrue();
        assertThat(item.get("description").s()).isEqualTo("Loyalty");
        assertThat(item.get("updated_at").s()).isEqualTo("2026-11-27T10:00:00Z");
    }

    @Test
    void everyTypeIsReadInOneRequestAndCached() {
        store.put(MappingRow.of(RecordType.CONTACT, "title", "email", null));
        store.put(MappingRow.of(RecordType.LEAD, "leadsource", "'Shop'", null));
        requests.reset();

        assertThat(store.configuredRows(RecordType.CONTACT)).extracting(MappingRow::vtigerField).containsExactly("title");
        assertThat(store.configuredRows(RecordType.LEAD)).extracting(MappingRow::vtigerField)
                .containsExactly("leadsource");
        assertThat(store.configuredRows(RecordType.ORGANIZATION)).isEmpty();
        assertThat(requests.total()).isEqualTo(1);
    }

    @Test
    void anItemThatIsNotARowIsSkipped() {
        dynamo.putItem(b -> b.tableName(storeConfig.table()).item(Map.of("pk", av("MAPPING"), "sk", av("junk"))));
        store.put(MappingRow.of(RecordType.CONTACT, "title", "email", null));
        assertThat(store.all()).extracting(MappingRow::vtigerField).containsExactly("title");
    }

    @Test
    void putGetListAndDelete() {
        MappingRow loyalty = MappingRow.of(RecordType.CONTACT, "cf_loyalty", "custom_attributes.loyalty_tier", "x");
        MappingRow source = MappingRow.of(RecordType.LEAD, "leadsource", "'Shop'", null);
        store.put(loyalty);
        store.put(source);

        assertThat(store.get(RecordType.CONTACT, "cf_loyalty")).contains(loyalty);
        assertThat(store.get(RecordType.CONTACT, "nothing")).isEmpty();
        assertThat(store.configuredRows(RecordType.CONTACT)).containsExactly(loyalty);
        assertThat(store.all()).containsExactlyInAnyOrder(loyalty, source);

        assertThat(store.delete(RecordType.CONTACT, "cf_loyalty")).isTrue();
        assertThat(store.delete(RecordType.CONTACT, "cf_loyalty")).as("already gone").isFalse();
        assertThat(store.get(RecordType.CONTACT, "cf_loyalty")).isEmpty();
        assertThat(store.all()).containsExactly(source);
    }

    @Test
    void aPutReplacesTheRowOfTheSameField() {
        store.put(MappingRow.of(RecordType.CONTACT, "leadsource", "'A'", "first"));
        store.put(MappingRow.of(RecordType.CONTACT, "leadsource", "'B'", "second"));
        assertThat(store.storedRows(RecordType.CONTACT)).extracting(MappingRow::magentoField).containsExactly("'B'");
    }

    @Test
    void putIfAbsentDoesNotOverwrite() {
        assertThat(store.putIfAbsent(MappingRow.of(RecordType.CONTACT, "cf_a", "email", "one"))).isTrue();
        assertThat(store.putIfAbsent(MappingRow.of(RecordType.CONTACT, "cf_a", "firstname", "two"))).isFalse();
        assertThat(store.get(RecordType.CONTACT, "cf_a")).get().extracting(MappingRow::magentoField)
                .isEqualTo("email");
    }

    @Test
    void inactiveRowsAreKeptAndSwitchTheDefaultOff() {
        MappingRow off = new MappingRow(RecordType.CONTACT, "birthday", "dob", false, "not wanted");
        store.put(off);
        assertThat(store.get(RecordType.CONTACT, "birthday")).contains(off);
        assertThat(new FieldMapper(store).effectiveRows(RecordType.CONTACT))
                .extracting(MappingRow::vtigerField).doesNotContain("birthday").contains("lastname");
    }

    @Test
    void syncReadsAreCachedPerTypeUntilTheTtlEnds() {
        MappingStore otherContainer = new MappingStore(dynamo, table, tenSeconds, clock);
        assertThat(store.configuredRows(RecordType.CONTACT)).isEmpty();
        assertThat(store.configuredRows(RecordType.LEAD)).isEmpty();
        requests.reset();

        otherContainer.put(MappingRow.of(RecordType.CONTACT, "cf_a", "email", "elsewhere"));
        clock.advance(Duration.ofSeconds(9));
        assertThat(store.configuredRows(RecordType.CONTACT)).as("still cached").isEmpty();
        assertThat(requests.of("Query")).isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(store.configuredRows(RecordType.CONTACT)).as("the TTL is the bound")
                .extracting(MappingRow::vtigerField).containsExactly("cf_a");
        assertThat(requests.of("Query")).isEqualTo(1);
    }

    @Test
    void aWriteInThisContainerIsSeenAtOnce() {
        assertThat(store.configuredRows(RecordType.CONTACT)).isEmpty();
        store.put(MappingRow.of(RecordType.CONTACT, "cf_a", "email", null));
        assertThat(store.configuredRows(RecordType.CONTACT)).extracting(MappingRow::vtigerField)
                .containsExactly("cf_a");

        store.delete(RecordType.CONTACT, "cf_a");
        assertThat(store.configuredRows(RecordType.CONTACT)).isEmpty();
    }

    @Test
    void aZeroTtlReadsEveryTime() {
        MappingStore uncached = new MappingStore(dynamo, table, () -> Duration.ZERO, clock);
        uncached.configuredRows(RecordType.CONTACT);
        uncached.configuredRows(RecordType.CONTACT);
        assertThat(requests.of("Query")).isEqualTo(2);
    }

    @Test
    void aMissingTableIsAStoreException() {
        StoreConfig missing = new TestStoreConfig("no-such-table", false);
        MappingStore broken = new MappingStore(dynamo, new SyncTable(dynamo, missing), tenSeconds, clock);
        assertThatThrownBy(() -> broken.configuredRows(RecordType.CONTACT)).isInstanceOf(StoreException.class)
                .hasMessageContaining("mapping");
        assertThatThrownBy(() -> broken.put(MappingRow.of(RecordType.CONTACT, "cf_a", "email", null)))
                .isInstanceOf(StoreException.class);
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue av(String s) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(s);
    }


    @Test
    void aRowsDirectionAndConflictRuleAreStoredAndARowWithoutThemReadsAsMagentoToVtiger() {
        store.put(new MappingRow(RecordType.CONTACT, "phone", "default_billing.telephone", true, "Phone",
                WriteRule.ALWAYS, false, false, Direction.BOTH, ConflictRule.VTIGER_WINS));
        assertThat(store.get(RecordType.CONTACT, "phone")).hasValueSatisfying(r -> {
            assertThat(r.direction()).isEqualTo(Direction.BOTH);
            assertThat(r.conflict()).isEqualTo(ConflictRule.VTIGER_WINS);
        });

        // A row saved before two-way sync existed: no direction, no conflict attribute.
        dynamo.putItem(b -> b.tableName(storeConfig.table()).item(Map.of("pk", av("MAPPING"),
                "sk", av("CONTACT#title"), "magento_field", av("email"), "active", AttributeValue.fromBool(true))));
        assertThat(store.get(RecordType.CONTACT, "title")).hasValueSatisfying(r -> {
            assertThat(r.direction()).isEqualTo(Direction.TO_VTIGER);
            assertThat(r.conflict()).isEqualTo(ConflictRule.NEWEST_WINS);
        });
    }
}
