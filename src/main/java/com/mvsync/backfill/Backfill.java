package com.mvsync.backfill;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.store.StoreException;
import com.mvsync.store.SyncTable;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * "Add all customers to queue", and the same for products, orders and invoices: pages through Magento's REST search
 * and queues every entity for the drain, which syncs it like an edit (linked records revised, missing ones made,
 * none twice). The cursor is stored after every page (item {@code BACKFILL} / {@code <type>}), so a run cut short by
 * its time budget, or a crashed one, is resumed by the next call; a page done twice only coalesces in the queue.
 */
@ApplicationScoped
public class Backfill {

    /** Where a backfill of one type stands. */
    @RegisterForReflection
    public record Progress(String type, String status, int nextPage, int pageSize, long queued, long total,
            String startedAt, String updatedAt) {

        public static final String IDLE = "idle";
        public static final String RUNNING = "running";
        public static final String DONE = "done";

        boolean done() {
            return DONE.equals(status);
        }
    }

    private final MagentoRestClient magento;
    private final QueueStore queue;
    private final DynamoDbClient dynamo;
    private final SyncTable table;
    private final int pageSize;
    private final Clock clock;

    @Inject
    public Backfill(MagentoRestClient magento, QueueStore queue, DynamoDbClient dynamo, SyncTable table,
            @ConfigProperty(name = "mvsync.backfill.page-size", defaultValue = "100") int pageSize, Clock clock) {
        this.magento = magento;
        this.queue = queue;
        this.dynamo = dynamo;
        this.table = table;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /**
     * Queues pages until the type is done or {@code budget} is spent (at least one page per call), and answers where
     * it stands. A finished backfill starts over only with {@code restart}.
     *
     * @throws com.mvsync.magento.rest.MagentoRestException when Magento fails; the cursor stays where it was
     */
    public Progress run(EntityType type, Duration budget, boolean restart) {
        Instant deadline = clock.instant().plus(budget);
        Progress progress = progress(type);
        if (restart || progress.status().equals(Progress.IDLE)) {
            progress = new Progress(type.label(), Progress.RUNNING, 1, pageSize, 0, 0, clock.instant().toString(),
                    clock.instant().toString());
        } else if (progress.done()) {
            return progress;
        }
        do {
            MagentoRestClient.Page page = magento.search(type, progress.nextPage(), progress.pageSize());
            for (ObjectNode entity : page.items()) {
                queue.enqueue(new QueuedEvent.Arrival(type, entityKey(type, entity),
                        type.editRoute().export(), eventKey(type, entity), entity.toString(),
                        type.displayLabel(entity)));
            }
            progress = new Progress(type.label(), page.hasMore() ? Progress.RUNNING : Progress.DONE,
                    progress.nextPage() + 1, progress.pageSize(), progress.queued() + page.items().size(),
                    page.totalCount(), progress.startedAt(), clock.instant().toString());
            save(type, progress);
        } while (!progress.done() && clock.instant().isBefore(deadline));
        return progress;
    }

    /** The stored cursor of a type ({@code idle} when it never ran). */
    public Progress progress(EntityType type) {
        try {
            var item = dynamo.getItem(b -> b.tableName(table.name()).key(key(type)).consistentRead(true));
            if (!item.hasItem() || item.item().isEmpty()) {
                return new Progress(type.label(), Progress.IDLE, 1, pageSize, 0, 0, null, null);
            }
            Map<String, AttributeValue> i = item.item();
            return new Progress(type.label(), i.get("status").s(), Integer.parseInt(i.get("next_page").n()),
                    Integer.parseInt(i.get("page_size").n()), Long.parseLong(i.get("queued").n()),
                    Long.parseLong(i.get("total").n()), text(i, "started_at"), text(i, "updated_at"));
        } catch (SdkException e) {
            throw new StoreException("could not read the " + type.label() + " backfill", e);
        }
    }

    private void save(EntityType type, Progress p) {
        Map<String, AttributeValue> item = new HashMap<>(key(type));
        item.put("status", AttributeValue.fromS(p.status()));
        item.put("next_page", AttributeValue.fromN(Integer.toString(p.nextPage())));
        item.put("page_size", AttributeValue.fromN(Integer.toString(p.pageSize())));
        item.put("queued", AttributeValue.fromN(Long.toString(p.queued())));
        item.put("total", AttributeValue.fromN(Long.toString(p.total())));
        item.put("started_at", AttributeValue.fromS(p.startedAt()));
        item.put("updated_at", AttributeValue.fromS(p.updatedAt()));
        try {
            dynamo.putItem(b -> b.tableName(table.name()).item(item));
        } catch (SdkException e) {
            throw new StoreException("could not save the " + type.label() + " backfill cursor", e);
        }
    }

    /** The same keys the webhook handlers use, so a backfilled entity coalesces with its webhooks. */
    static String entityKey(EntityType type, ObjectNode entity) {
        return type.key(entity.path(type.restIdField()).asText());
    }

    private static String eventKey(EntityType type, ObjectNode entity) {
        String id = type == EntityType.PRODUCT ? entity.path("sku").asText() : entityKey(type, entity);
        return "backfill:" + type.label() + ":" + id + ":" + entity.path("updated_at").asText("");
    }

    private static Map<String, AttributeValue> key(EntityType type) {
        return Map.of(SyncTable.PK, AttributeValue.fromS("BACKFILL"), SyncTable.SK,
                AttributeValue.fromS(type.label()));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s).orElse(null);
    }
}
