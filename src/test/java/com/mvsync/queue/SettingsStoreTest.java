package com.mvsync.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.drain.PeriodTracker;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.RecordType;
import com.mvsync.settings.FirstLink;
import com.mvsync.settings.InvalidSettingsException;
import com.mvsync.settings.MissingCurrency;
import com.mvsync.settings.Mode;
import com.mvsync.settings.RecordPolicy;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.settings.SyncSettings;
import com.mvsync.settings.SyncType;
import com.mvsync.settings.TypeSettings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Settings: storage, cache, validation, the per-entity helpers and the cron periods. */
class SettingsStoreTest {

    static final ObjectMapper JSON = new ObjectMapper();

    QueueFixture fx;
    SettingsStore store;

    @BeforeEach
    void fresh() {
        fx = new QueueFixture();
        store = fx.settings(Duration.ofSeconds(10));
    }

    @Test
    void defaultsWhenNothingIsStored() {
        SyncSettings settings = store.current();
        for (SyncType type : SyncType.values()) {
            assertThat(settings.of(type)).isEqualTo(new TypeSettings(true, Mode.IMMEDIATE, 5));
        }
    }

    @Test
    void aPartialUpdateRoundTripsAndKeepsTheRest() {
        store.update(update("{\"types\":{\"CONTACTS\":{\"enabled\":true,\"mode\":\"cron\",\"periodMinutes\":10},"
                + "\"leads\":{\"enabled\":false}}}"));
        store.update(update("{\"types\":{\"CONTACTS\":{\"periodMinutes\":15},\"Sales Order\":{\"mode\":\"CRON\"}}}"));

        SyncSettings read = fx.settings(Duration.ZERO).read();
        assertThat(read.of(SyncType.CONTACTS)).isEqualTo(new TypeSettings(true, Mode.CRON, 15));
        assertThat(read.of(SyncType.LEADS)).isEqualTo(new TypeSettings(false, Mode.IMMEDIATE, 5));
        assertThat(read.of(SyncType.SALES_ORDERS)).isEqualTo(new TypeSettings(true, Mode.CRON, 5));
        assertThat(read.of(SyncType.PRODUCTS)).isEqualTo(TypeSettings.DEFAULT);
    }

    @Test
    void customersFromContactsAreOffByDefaultAndSwitchedOnAloneOrRefusedWhenNotABoolean() {
        assertThat(store.current().records().contactsCreateCustomers()).isFalse();
        assertInvalid("{\"records\":{\"contactsCreateCustomers\":\"yes\"}}",
                "records.contactsCreateCustomers must be true or false");
        assertThat(fx.settings(Duration.ZERO).read().records().contactsCreateCustomers()).isFalse();

        store.update(update("{\"records\":{\"contactsCreateCustomers\":true}}"));
        RecordPolicy read = fx.settings(Duration.ZERO).read().records();
        assertThat(read.contactsCreateCustomers()).isTrue();
        assertThat(read.withContactsCreateCustomers(false)).isEqualTo(RecordPolicy.DEFAULT);
    }

    @Test
    void theRecordPolicyRoundTripsKeepsWhatIsLeftOutAndIsCheckedLikeTheTypes() {
        assertThat(store.current().records()).isEqualTo(RecordPolicy.DEFAULT);

        store.update(update("{\"records\":{\"firstLink\":\"vtiger-wins\",\"alwaysFetch\":true}}"));
        store.update(update("{\"records\":{\"missingCurrency\":\"base-currency\",\"unstorableCharacter\":\"\"},"
                + "\"types\":{\"LEADS\":{\"enabled\":false}}}"));

        SyncSettings read = fx.settings(Duration.ZERO).read();
        assertThat(read.records()).isEqualTo(new RecordPolicy(true, FirstLink.VTIGER_WINS,
                MissingCurrency.BASE_CURRENCY, RecordPolicy.DEFAULT_ORGANIZATION_NAME_WHEN_TAKEN, ""));
        assertThat(read.of(SyncType.LEADS).enabled()).isFalse();
        assertThat(JSON.valueToTree(read).path("records").toString()).isEqualTo("{\"alwaysFetch\":true,"
                + "\"firstLink\":\"vtiger-wins\",\"missingCurrency\":\"base-currency\",\"organizationNameWhenTaken\":"
                + "\"firstname + ' ' + lastname + ' (' + email + ')'\",\"unstorableCharacter\":\"\","
                + "\"contactsCreateCustomers\":false}");

        assertInvalid("{\"records\":{\"firstLink\":\"crm\"}}",
                "records.firstLink must be \"magento-wins\" or \"vtiger-wins\", not crm");
        assertInvalid("{\"records\":{\"missingCurrency\":1}}", "records.missingCurrency must be a string");
        assertInvalid("{\"records\":{\"alwaysFetch\":\"yes\"}}", "records.alwaysFetch must be true or false");
        assertInvalid("{\"records\":{\"organizationNameWhenTaken\":\"firstname +\"}}",
                "records.organizationNameWhenTaken: ");
        assertInvalid("{\"records\":{\"unstorableCharacter\":\"\ud83d\ude00\"}}",
                "records.unstorableCharacter must itself be storable in Vtiger");
        assertInvalid("{\"records\":{\"colour\":1}}", "records: unknown property 'colour'");
        assertThat(fx.settings(Duration.ZERO).read().records().firstLink()).isEqualTo(FirstLink.VTIGER_WINS);
    }

    @Test
    void invalidChangesAreRefusedWithAClearMessageAndNothingIsWritten() {
        assertInvalid("[]", "the request body must be a JSON object");
        assertInvalid("{\"type\":{}}",
                "unknown property 'type'; the settings body has 'types', 'records' and 'sources'");
        assertInvalid("{\"types\":[]}", "'types' must be an object keyed by type (LEADS, ORGANIZATIONS, CONTACTS, "
                + "PRODUCTS, SALES_ORDERS, INVOICES, CREDIT_MEMOS, SHIPMENTS)");
        assertInvalid("{\"types\":{\"CUSTOMERS\":{}}}", "unknown type 'CUSTOMERS'; expected one of LEADS");
        assertInvalid("{\"types\":{\"CONTACTS\":true}}", "CONTACTS must be an object");
        assertInvalid("{\"types\":{\"CONTACTS\":{\"mode\":\"hourly\"}}}",
                "CONTACTS.mode must be \"immediate\" or \"cron\", not \"hourly\"");
        assertInvalid("{\"types\":{\"CONTACTS\":{\"enabled\":\"yes\"}}}", "CONTACTS.enabled must be true or false");
        assertInvalid("{\"types\":{\"CONTACTS\":{\"periodMinutes\":0}}}",
                "CONTACTS.periodMinutes must be between 1 and 1440 (a day), not 0");
        assertInvalid("{\"types\":{\"CONTACTS\":{\"periodMinutes\":1441}}}",
                "CONTACTS.periodMinutes must be between 1 and 1440 (a day), not 1441");
        assertInvalid("{\"types\":{\"CONTACTS\":{\"periodMinutes\":2.5}}}",
                "CONTACTS.periodMinutes must be a whole number of minutes");
        assertInvalid("{\"types\":{\"CONTACTS\":{\"periodMinutes\":\"10\"}}}",
                "CONTACTS.periodMinutes must be a whole number of minutes");
        assertInvalid("{\"types\":{\"CONTACTS\":{\"period\":10}}}",
                "CONTACTS: unknown property 'period'; a type has enabled, mode, periodMinutes and onDelete");
        assertInvalid("{\"types\":{\"CONTACTS\":{},\"Contact\":{}}}", "CONTACTS is given twice");
        assertThat(store.read()).isEqualTo(SyncSettings.defaults());
    }

    @Test
    void otherContainersSeeAChangeWithinTheCacheTtlAndTheWriterAtOnce() {
        SettingsStore other = fx.settings(Duration.ofSeconds(10));
        assertThat(other.current().of(SyncType.PRODUCTS).enabled()).isTrue();

        store.update(update("{\"types\":{\"PRODUCTS\":{\"enabled\":false}}}"));
        assertThat(store.current().of(SyncType.PRODUCTS).enabled()).as("own write").isFalse();
        assertThat(other.current().of(SyncType.PRODUCTS).enabled()).as("cached").isTrue();
        fx.clock.advance(Duration.ofSeconds(10));
        assertThat(other.current().of(SyncType.PRODUCTS).enabled()).isFalse();
    }

    @Test
    void perEntityHelpers() {
        store.update(update("{\"types\":{\"LEADS\":{\"enabled\":false},\"CONTACTS\":{\"mode\":\"cron\","
                + "\"periodMinutes\":30},\"ORGANIZATIONS\":{\"mode\":\"cron\",\"periodMinutes\":10},"
                + "\"INVOICES\":{\"enabled\":false,\"mode\":\"cron\"}}}"));
        SyncSettings s = store.current();

        assertThat(s.modeOf(EntityType.CUSTOMER)).isEqualTo(Mode.CRON);
        assertThat(s.cronPeriodOf(EntityType.CUSTOMER)).contains(Duration.ofMinutes(10));
        assertThat(s.enabledRecordTypes(EntityType.CUSTOMER)).containsExactlyInAnyOrder(RecordType.ORGANIZATION,
                RecordType.CONTACT);
        assertThat(s.enabled(RecordType.LEAD)).isFalse();
        assertThat(s.anyEnabled(EntityType.PRODUCT)).isTrue();
        assertThat(s.modeOf(EntityType.PRODUCT)).isEqualTo(Mode.IMMEDIATE);
        assertThat(s.anyEnabled(EntityType.INVOICE)).isFalse();
        assertThat(s.modeOf(EntityType.INVOICE)).as("a disabled cron type does not count").isEqualTo(Mode.IMMEDIATE);
        assertThat(s.cronPeriodOf(EntityType.INVOICE)).isEmpty();
        assertThat(s.anyEnabled(EntityType.SHIPMENT)).as("a new type is enabled by default").isTrue();
        assertThatThrownBy(() -> s.modeOf(EntityType.parse("category"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typesDueByCronPeriodAndLastDrain() {
        store.update(update("{\"types\":{\"CONTACTS\":{\"mode\":\"cron\",\"periodMinutes\":10}}}"));
        PeriodTracker periods = new PeriodTracker(QueueFixture.dynamo(), fx.table);
        Instant t0 = fx.clock.instant();
        SyncSettings s = store.current();

        assertThat(periods.typesDue(s, t0)).containsExactlyInAnyOrder(EntityType.values());
        periods.markDrained(java.util.Set.of(EntityType.CUSTOMER), t0);
        assertThat(periods.typesDue(s, t0.plus(Duration.ofMinutes(5)))).containsExactlyInAnyOrder(EntityType.PRODUCT,
                EntityType.ORDER, EntityType.INVOICE, EntityType.CREDITMEMO, EntityType.SHIPMENT);
        assertThat(periods.typesDue(s, t0.plus(Duration.ofMinutes(10)).minusSeconds(5)))
                .as("a schedule firing a little early").contains(EntityType.CUSTOMER);
        assertThat(store.read()).as("drain times are not settings").isEqualTo(s);
    }

    @Test
    void sourcesRoundTripAndADamagedOneFallsBackToWebhooks() {
        store.update(update("{\"sources\":{\"customer\":{\"source\":\"poll\",\"startFrom\":\"2026-11-01\"},"
                + "\"product\":{\"source\":\"both\"}},\"types\":{\"CONTACTS\":{\"mode\":\"cron\"}}}"));

        SyncSettings read = fx.settings(Duration.ZERO).read();
        assertThat(read.source(EntityType.CUSTOMER)).isEqualTo(new com.mvsync.settings.SourceSettings(
                com.mvsync.settings.Source.POLL, Instant.parse("2026-11-01T00:00:00Z")));
        assertThat(read.source(EntityType.PRODUCT).startFrom()).as("switched now").isEqualTo(fx.clock.instant());
        assertThat(read.source(EntityType.ORDER)).isEqualTo(com.mvsync.settings.SourceSettings.DEFAULT);
        assertThat(read.of(SyncType.CONTACTS).mode()).isEqualTo(Mode.CRON);

        store.update(update("{\"sources\":{\"customer\":{\"source\":\"webhooks\"}}}"));
        assertThat(fx.settings(Duration.ZERO).read().source(EntityType.CUSTOMER))
                .as("back to webhooks forgets the start").isEqualTo(com.mvsync.settings.SourceSettings.DEFAULT);

        QueueFixture.dynamo().putItem(b -> b.tableName(fx.table.name()).item(java.util.Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(SettingsStore.PK),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SOURCE#order"),
                "source", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SOMETIMES"))));
        assertThat(fx.settings(Duration.ZERO).read().source(EntityType.ORDER))
                .isEqualTo(com.mvsync.settings.SourceSettings.DEFAULT);
    }

    private void assertInvalid(String body, String message) {
        assertThatThrownBy(() -> store.update(update(body))).isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith(message);
    }

    static SettingsUpdate update(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return SettingsUpdate.parse(node);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
