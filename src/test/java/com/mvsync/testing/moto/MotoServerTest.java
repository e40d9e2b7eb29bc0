package com.mvsync.testing.moto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Plain JUnit (no Quarkus): the shared moto server starts once and speaks DynamoDB. */
class MotoServerTest {

    private static DynamoDbClient client(MotoServer moto) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(moto.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void sharedServerAnswersDynamoDb() {
        MotoServer moto = MotoServer.shared();
        assertSame(moto, MotoServer.shared(), "one server per JVM");
        assertTrue(moto.endpoint().startsWith("http"), moto.endpoint());

        String table = "moto-server-test-" + System.nanoTime();
        try (DynamoDbClient dynamo = client(moto)) {
            dynamo.listTables(); // answers at all
            dynamo.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
            assertTrue(dynamo.listTables().tableNames().contains(table), "created table is listed");

            if (moto.startedHere()) {
                moto.reset();
                assertFalse(dynamo.listTables().tableNames().contains(table), "reset drops tables");
            } else {
                dynamo.deleteTable(b -> b.tableName(table)); // external endpoint: never reset it
            }
        }
    }

    @Test
    void resourceConfiguresQuarkusForTheSharedServer() {
        MotoDynamoDbResource resource = new MotoDynamoDbResource();
        Map<String, String> config = resource.start();
        try {
            assertEquals(MotoServer.shared().endpoint(), config.get("quarkus.dynamodb.endpoint-override"));
            assertEquals("us-east-1", config.get("quarkus.dynamodb.aws.region"));
            assertEquals("static", config.get("quarkus.dynamodb.aws.credentials.type"));
            assertEquals("test", config.get("quarkus.dynamodb.aws.credentials.static-provider.access-key-id"));
            assertEquals("test", config.get("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key"));
            assertEquals("true", config.get("mvsync.store.create-table"));
        } finally {
            resource.stop();
        }
    }
}
