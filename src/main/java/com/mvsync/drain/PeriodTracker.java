package com.mvsync.drain;

import com.mvsync.magento.EntityType;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SyncSettings;
import com.mvsync.store.StoreException;
import com.mvsync.store.SyncTable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * When each entity type's queue was last drained, as items {@code pk = SETTINGS}, {@code sk = LAST_DRAIN#<entity>}
 * ({@code drained_at}, ISO instant): the scheduled drain runs every minute, and drains a cron-mode type only when its
 * period has elapsed since.
 */
@ApplicationScoped
public class PeriodTracker {

    static final String SK_PREFIX = "LAST_DRAIN#";
    /**
     * A schedule fires a little early or late; without slack a 5-minute period drained by a 1-minute schedule would
     * sometimes wait 6 minutes.
     */
    static final Duration SLACK = Duration.ofSeconds(10);

    private final DynamoDbClient dynamo;
    private final SyncTable table;

    public PeriodTracker(DynamoDbClient dynamo, SyncTable table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * The entity types to drain now: those in
     * cron mode whose shortest period elapsed since their last drain, and every type not in cron mode, whose queued
     * items are fallbacks of failed immediate syncs (or left over from cron mode) and always due. One Query.
     */
    public Set<EntityType> typesDue(SyncSettings settings, Instant now) {
        Map<EntityType, Instant> last = lastDrains();
        Set<EntityType> due = EnumSet.noneOf(EntityType.class);
        for (EntityType entity : EntityType.values()) {
            Optional<Duration> period = settings.cronPeriodOf(entity);
            Instant previous = last.get(entity);
            if (period.isEmpty() || previous == null || !previous.plus(period.get()).isAfter(now.plus(SLACK))) {
                due.add(entity);
            }
        }
        return due;
    }

    /** Records a drain of these types (call it for the types whose due items were all handled). */
    public void markDrained(Set<EntityType> entityTypes, Instant at) {
        try {
            for (EntityType entity : entityTypes) {
                dynamo.putItem(b -> b.tableName(table.name()).item(Map.of(
                        SyncTable.PK, AttributeValue.fromS(SettingsStore.PK),
                        SyncTable.SK, AttributeValue.fromS(SK_PREFIX + entity.label()),
                        "drained_at", AttributeValue.fromS(at.toString()))));
            }
        } catch (SdkException e) {
            throw new StoreException("could not record the drain time", e);
        }
    }

    public Map<EntityType, Instant> lastDrains() {
        Map<EntityType, Instant> out = new EnumMap<>(EntityType.class);
        try {
            dynamo.queryPaginator(b -> b.tableName(table.name()).consistentRead(true)
                            .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(SettingsStore.PK),
                                    ":prefix", AttributeValue.fromS(SK_PREFIX))))
                    .items().forEach(item -> out.put(
                            EntityType.parse(item.get(SyncTable.SK).s().substring(SK_PREFIX.length())),
                            Instant.parse(item.get("drained_at").s())));
        } catch (SdkException e) {
            throw new StoreException("could not read the drain times", e);
        }
        return out;
    }
}
