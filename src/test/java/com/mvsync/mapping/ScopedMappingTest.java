package com.mvsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.store.StoreConfig;
import com.mvsync.store.SyncTable;
import com.mvsync.testing.MutableClock;
import com.mvsync.testing.moto.DynamoDbTestClients;
import com.mvsync.testing.moto.DynamoDbTestClients.RequestCounter;
import com.mvsync.testing.moto.TestStoreConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Mapping rows per website and store view in DynamoDB (moto): a scope's rows are its own items in the mapping
 * partition, read by the same one Query, and an entity is mapped by its chain (default → website → store view), each
 * scope overriding only what it sets; an entity's scope is asked only when some scope overrides a row.
 */
class ScopedMappingTest {

    static final RequestCounter requests = new RequestCounter();
    static final ObjectMapper JSON = new ObjectMapper();
    static DynamoDbClient dynamo;
    static SyncTable table;
    static final StoreConfig storeConfig = new TestStoreConfig("scoped-mapping-test");
    static final Scope EU = Scope.website("eu");
    static final Scope EU_DE = Scope.store("eu_de");

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    final AtomicInteger scopesAsked = new AtomicInteger();
    MappingStore store;

    @BeforeAll
    static void createTable() {
        dynamo = DynamoDbTestClients.create(requests);
        table = new SyncTable(dynamo, storeConfig);
        table.createIfMissing();
    }

    @BeforeEach
    void emptyMapping() {
        store = new MappingStore(dynamo, table, () -> Duration.ZERO, clock);
        store.allScopes().forEach((scope, rows) -> rows.forEach(r -> store.delete(r.type(), r.vtigerField(), scope)));
        requests.reset();
    }

    /** A mapper whose entities are in website eu, store view eu_de when they say store_id 2, else in the default. */
    private FieldMapper mapper() {
        return new FieldMapper(store, OptionLabels.NONE, module -> java.util.Optional.empty(), entity -> {
            scopesAsked.incrementAndGet();
            return entity.path("store_id").asInt() == 2 ? new ScopeChain(List.of(Scope.DEFAULT, EU, EU_DE), null)
                    : new ScopeChain(List.of(Scope.DEFAULT, Scope.website("us")), null);
        });
    }

    private static JsonNode customer(int storeId) throws Exception {
        return JSON.readTree("{\"id\":42,\"email\":\"m@example.com\",\"firstname\":\"Maria\",\"lastname\":\"Keller\","
                + "\"store_id\":" + storeId + "}");
    }

    @Test
    void aScopesRowIsItsOwnItemBesideTheDefaultsAndReadWithThem() {
        store.put(MappingRow.of(RecordType.LEAD, "leadsource", "'Magento: EU store'", "EU"), EU);

        var item = dynamo.getItem(b -> b.tableName(storeConfig.table()).key(Map.of(
                "pk", AttributeValue.fromS("MAPPING"), "sk", AttributeValue.fromS("SCOPE#website:eu#LEAD#leadsource"))))
                .item();
        assertThat(item.get("magento_field").s()).isEqualTo("'Magento: EU store'");
        assertThat(store.all()).as("the default scope's rows, as before").isEmpty();
        assertThat(store.storedRows(RecordType.LEAD)).isEmpty();
        assertThat(store.storedRows(RecordType.LEAD, EU)).extracting(MappingRow::magentoField)
                .containsExactly("'Magento: EU store'");
        assertThat(store.get(RecordType.LEAD, "leadsource", EU)).isPresent();
        assertThat(store.get(RecordType.LEAD, "leadsource")).isEmpty();
        assertThat(store.hasScopedRows()).isTrue();
        assertThat(store.delete(RecordType.LEAD, "leadsource", EU)).isTrue();
        assertThat(store.hasScopedRows()).isFalse();
    }

    @Test
    void anEntityIsMappedByItsStoreViewThenItsWebsiteThenTheDefault() throws Exception {
        store.put(MappingRow.of(RecordType.LEAD, "leadsource", "'Partner'", "everywhere"));
        store.put(MappingRow.of(RecordType.LEAD, "leadsource", "'Magento: EU store'", "EU"), EU);
        store.put(MappingRow.of(RecordType.LEAD, "description", "'EU Deutsch #' + id", "de"), EU_DE);
        FieldMapper mapper = mapper();

        Map<String, String> euDe = mapper.map(RecordType.LEAD, customer(2));
        Map<String, String> us = mapper.map(RecordType.LEAD, customer(1));

        assertThat(euDe).containsEntry("leadsource", "Magento: EU store").containsEntry("description",
                "EU Deutsch #42").containsEntry("lastname", "Keller");
        assertThat(us).containsEntry("leadsource", "Partner").containsEntry("description", "Magento customer #42");
        assertThat(mapper.effectiveRows(RecordType.LEAD, customer(2))).filteredOn(r -> r.vtigerField()
                .equals("leadsource")).singleElement().extracting(MappingRow::description).isEqualTo("EU");
    }

    @Test
    void anInactiveRowInAWebsiteSwitchesTheFieldOffThereOnly() throws Exception {
        store.put(new MappingRow(RecordType.LEAD, "leadsource", "'Web Site'", false, "not in the EU"), EU);

        assertThat(mapper().map(RecordType.LEAD, customer(2))).doesNotContainKey("leadsource");
        assertThat(mapper().map(RecordType.LEAD, customer(1))).containsEntry("leadsource", "Web Site");
    }

    @Test
    void withoutScopedRowsNoEntitysScopeIsAskedAndProductsAreNeverScoped() throws Exception {
        store.put(MappingRow.of(RecordType.LEAD, "leadsource", "'Partner'", "everywhere"));
        FieldMapper mapper = mapper();

        assertThat(mapper.map(RecordType.LEAD, customer(2))).containsEntry("leadsource", "Partner");
        assertThat(scopesAsked).hasValue(0);

        store.put(MappingRow.of(RecordType.PRODUCT, "productname", "sku", "by SKU"), EU);
        JsonNode product = JSON.readTree("{\"sku\":\"MB-1\",\"name\":\"Bag\",\"store_id\":2}");
        assertThat(mapper.map(RecordType.PRODUCT, product)).containsEntry("productname", "Bag");
        assertThat(scopesAsked).hasValue(0);
    }

    @Test
    void anEntityWhoseScopeIsUnknownIsMappedWithTheDefaultsAndNoted() throws Exception {
        store.put(MappingRow.of(RecordType.LEAD, "leadsource", "'Magento: EU store'", "EU"), EU);
        FieldMapper mapper = new FieldMapper(store, OptionLabels.NONE, module -> java.util.Optional.empty(),
                entity -> ScopeChain.unresolved("it names no website_id or store_id"));

        FieldMapper.Mapped mapped = mapper.mapped(RecordType.LEAD, customer(2));

        assertThat(mapped.all()).containsEntry("leadsource", "Web Site");
        assertThat(mapped.notes()).containsExactly("Leads mapped with the rows of scope default only: it names no"
                + " website_id or store_id");
    }

    @Test
    void scopesAreNamedAsMagentosConfigScopes() {
        assertThat(Scope.parse("website:eu")).isEqualTo(EU);
        assertThat(Scope.parse("store:eu_de")).isEqualTo(EU_DE);
        assertThat(Scope.parse(null)).isEqualTo(Scope.DEFAULT);
        assertThat(Scope.parse("default")).isEqualTo(Scope.DEFAULT);
        assertThat(EU.wire()).isEqualTo("website:eu");
        for (String bad : List.of("eu", "websites:eu", "website:", "website:1eu", "store:eu-de", "website:eu#x")) {
            assertThatThrownBy(() -> Scope.parse(bad)).as(bad).isInstanceOf(InvalidMappingException.class)
                    .hasMessageContaining("'website:<code>'");
        }
    }
}
