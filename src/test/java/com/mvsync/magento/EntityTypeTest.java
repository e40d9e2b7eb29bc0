package com.mvsync.magento;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.mapping.RecordType;
import com.mvsync.settings.SyncType;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The registry is the one description of each type: these are the rules every entry must keep. */
class EntityTypeTest {

    @Test
    void everyTypeIsDescribedWhole() {
        for (EntityType type : EntityType.values()) {
            assertThat(type.normalizer()).as(type + " normaliser").isNotNull();
            assertThat(type.readPath("7")).as(type + " read path").endsWith("/7");
            assertThat(type.records()).as(type + " record types").isNotEmpty();
            assertThat(type.queuePriority()).as(type + " queue priority").isPositive();
            assertThat(type.editRoute().kind()).isEqualTo(EntityType.Webhook.Kind.SAVE);
            assertThat(type.webhooks()).allSatisfy(w -> assertThat(w.type()).isEqualTo(type));
            assertThat(type.observerEvents()).as(type + " observer events").isNotEmpty();
            assertThat(type.mageplazaHooks()).as(type + " Mageplaza hooks").isNotEmpty();
        }
    }

    @Test
    void eachTypeNamesItsEntityForPeople() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(EntityType.CUSTOMER.displayLabel((ObjectNode) json.readTree(
                "{\"id\":42,\"firstname\":\"Maria\",\"lastname\":\"Keller\",\"email\":\"maria@example.com\"}")))
                .isEqualTo("Maria Keller <maria@example.com>");
        assertThat(EntityType.PRODUCT.displayLabel((ObjectNode) json.readTree("{\"sku\":\"MUG-1\",\"name\":\"Blue  mug\"}")))
                .isEqualTo("MUG-1 · Blue mug");
        assertThat(EntityType.ORDER.displayLabel((ObjectNode) json.readTree("{\"increment_id\":\"000000042\","
                + "\"customer_firstname\":\"Maria\",\"customer_lastname\":\"Keller\","
                + "\"customer_email\":\"maria@example.com\"}")))
                .as("the buyer's e-mail too, so a search by e-mail finds the orders")
                .isEqualTo("#000000042 · Maria Keller <maria@example.com>");
        assertThat(EntityType.ORDER.displayLabel((ObjectNode) json.readTree("{\"increment_id\":\"000000043\","
                + "\"billing_address\":{\"firstname\":\"Guest\",\"lastname\":\"Buyer\"}}")))
                .as("a guest: the billing address names the buyer").isEqualTo("#000000043 · Guest Buyer");
        for (EntityType t : List.of(EntityType.INVOICE, EntityType.CREDITMEMO, EntityType.SHIPMENT)) {
            assertThat(t.displayLabel((ObjectNode) json.readTree("{\"increment_id\":\"000000017\"}")))
                    .isEqualTo("#000000017");
        }
        assertThat(EntityType.CUSTOMER.displayLabel((ObjectNode) json.readTree("{\"id\":42}"))).isNull();
        assertThat(EntityType.CUSTOMER.displayLabel(null)).isNull();
    }

    @Test
    void routesAndEventNamesPointToOneTypeEach() {
        List<EntityType.Webhook> webhooks = EntityType.allWebhooks();
        assertThat(webhooks.stream().map(EntityType.Webhook::export)).doesNotHaveDuplicates();
        assertThat(webhooks.stream().map(EntityType.Webhook::path)).doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p).startsWith("/webhooks/"));
        assertThat(Arrays.stream(EntityType.values()).flatMap(t -> t.observerEvents().stream())
                .map(EntityType.EventName::name)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(EntityType.values()).flatMap(t -> t.mageplazaHooks().stream())
                .map(EntityType.EventName::name)).doesNotHaveDuplicates();
        // Only a type with a delete route is deletable, and every delete event has somewhere to go.
        for (EntityType type : EntityType.values()) {
            boolean deleteEvents = Stream.concat(type.observerEvents().stream(), type.mageplazaHooks().stream())
                    .anyMatch(e -> e.action() == EventAction.DELETED);
            assertThat(type.deletable()).as(type + " deletes").isEqualTo(deleteEvents);
        }
    }

    @Test
    void everySwitchableRecordTypeIsFedByExactlyOneType() {
        for (SyncType sync : SyncType.values()) {
            assertThat(Arrays.stream(EntityType.values()).filter(t -> t.records().contains(sync.recordType())))
                    .as(sync.name()).containsExactly(sync.entity());
        }
        assertThat(EntityType.feeding(RecordType.LINE_ITEM)).isEmpty();
    }

    @Test
    void keysComeFromTheRestIdAndAnOrderWithoutOneFromItsIncrementId() {
        ObjectNode order = Samples.MAPPER.createObjectNode().put("increment_id", "000000042");
        assertThat(EntityType.ORDER.idOf(order)).isEqualTo("increment:000000042");
        assertThat(EntityType.ORDER.idOf(order.put("entity_id", 42))).isEqualTo("42");
        assertThat(EntityType.PRODUCT.idOf(Samples.MAPPER.createObjectNode().put("sku", "MJ01-XS").put("id", 9)))
                .isEqualTo("MJ01-XS");
        assertThat(EntityType.CUSTOMER.idOf(Samples.MAPPER.createObjectNode())).isNull();
    }

    @Test
    void eventExamplesNameWhatAPersonWouldSend() {
        assertThat(EntityType.CUSTOMER.eventExamples(false)).isEqualTo("observer.customer_save_commit_after, "
                + "observer.customer_register_success, observer.customer_delete_commit_after; "
                + "Mageplaza new_customer, update_customer, delete_customer");
        assertThat(EntityType.PRODUCT.eventExamples(true))
                .isEqualTo("observer.catalog_product_delete_commit_after; Mageplaza delete_product");
        assertThat(EntityType.findPlural("Credit memos")).isEmpty();
        assertThat(EntityType.findPlural("creditmemos")).contains(EntityType.CREDITMEMO);
        assertThat(EntityType.labels("or")).isEqualTo("customer, product, order, invoice, creditmemo or shipment");
    }
}
