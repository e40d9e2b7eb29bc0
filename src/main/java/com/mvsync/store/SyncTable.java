package com.mvsync.store;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/**
 * One table for everything the functions remember, keyed by {@code pk}/{@code sk} strings. A single table keeps the
 * deployment to one resource and one IAM grant, and lets a sync commit its link and its event record in one
 * transaction. Item types:
 * <ul>
 * <li>{@code EVENT#<event key>} / {@code EVENT}: idempotency record of a received event (expires by TTL);</li>
 * <li>{@code LINK#<entity>#<id>} / {@code LINK}: Vtiger ids made for one Magento entity, the hash of what was last
 * written, and a short per-entity lock;</li>
 * <li>{@code MAPPING#<type>} / {@code <vtiger field>}, {@code SETTINGS} / {@code <type>}, {@code QUEUE#...}: field
 * mapping, settings and the cron-mode queue (which uses the {@code gsi1} index: status and due time);</li>
 * <li>{@code LOG#<yyyy-MM-dd>} / {@code <instant>#<random>}: the sync log (expires by TTL), each entry also in the
 * {@code gsi2} index under its entity ({@code HIST#<entity key>}), for an entity's history.</li>
 * <li>{@code FIND#<term>} / the entry's sk: a copy of a log entry under each of its search terms (expire with the
 * entry; see SyncLog#search);</li>
 * <li>{@code FINDQ#<term>} / the entity key: a queue item's search keys (see QueueStore#find);</li>
 * <li>{@code COUNT#<name>} / {@code COUNT}: counters ({@link Counters}): the log's entries per day and result, the
 * queue's items per status and type;</li>
 * <li>{@code RECORD#<vtiger id>} / {@code RECORD}: the entity a linked Contact, Product, Sales Order or personal
 * Organization belongs to, for the Vtiger poll of two-way sync (written with the link, see SyncLedger);</li>
 * <li>{@code POLL} / {@code <type label>} or {@code vtiger#<module>}: the cursors of Magento's poll per entity type and
 * of the Vtiger poll per module (see PollCursorStore).</li>
 * </ul>
 * Attribute {@code expires_at} (epoch seconds) is the table's TTL attribute.
 */
@ApplicationScoped
public class SyncTable {

    private static final Logger LOG = Logger.getLogger(SyncTable.class);

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String EXPIRES_AT = "expires_at";
    /** The queue's index: {@code gsi1pk} = status (and priority), {@code gsi1sk} = due time and entity. */
    public static final String GSI1 = "gsi1";
    public static final String GSI1PK = "gsi1pk";
    public static final String GSI1SK = "gsi1sk";
    /** The sync log's index by entity: {@code gsi2pk} = {@code HIST#<entity key>}, {@code gsi2sk} = the entry's sk. */
    public static final String GSI2 = "gsi2";
    public static final String GSI2PK = "gsi2pk";
    public static final String GSI2SK = "gsi2sk";

    private final DynamoDbClient dynamo;
    private final StoreConfig config;

    public SyncTable(DynamoDbClient dynamo, StoreConfig config) {
        this.dynamo = dynamo;
        this.config = config;
    }

    public String name() {
        return config.table();
    }

    /**
     * Static, so that start-up does not instantiate this bean (and with it the DynamoDB client) when there is nothing
     * to create: in AWS the table exists and a function's first DynamoDB call builds the client. {@code table} is the
     * lazy client proxy.
     */
    static void onStart(@Observes StartupEvent event, StoreConfig config, SyncTable table) {
        if (config.createTable()) {
            table.createIfMissing();
        }
    }

    private static GlobalSecondaryIndex index(String name, String pk, String sk) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(KeySchemaElement.builder().attributeName(pk).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(sk).keyType(KeyType.RANGE).build())
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    /**
     * Creates the table as template.yaml does (on-demand billing, TTL on {@code expires_at}, indexes {@code gsi1}
     * and {@code gsi2}).
     */
    public void createIfMissing() {
        try {
            dynamo.createTable(CreateTableRequest.builder()
                    .tableName(name())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(GSI1PK).attributeType(ScalarAttributeType.S)
                                    .build(),
                            AttributeDefinition.builder().attributeName(GSI1SK).attributeType(ScalarAttributeType.S)
                                    .build(),
                            AttributeDefinition.builder().attributeName(GSI2PK).attributeType(ScalarAttributeType.S)
                                    .build(),
                            AttributeDefinition.builder().attributeName(GSI2SK).attributeType(ScalarAttributeType.S)
                                    .build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build())
                    .globalSecondaryIndexes(index(GSI1, GSI1PK, GSI1SK), index(GSI2, GSI2PK, GSI2SK))
                    .build());
            dynamo.updateTimeToLive(b -> b.tableName(name()).timeToLiveSpecification(
                    TimeToLiveSpecification.builder().attributeName(EXPIRES_AT).enabled(true).build()));
            LOG.infof("Created DynamoDB table %s", name());
        } catch (ResourceInUseException e) {
            LOG.debugf("DynamoDB table %s exists", name());
        }
    }
}
