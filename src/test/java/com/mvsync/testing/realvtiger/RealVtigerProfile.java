package com.mvsync.testing.realvtiger;

import com.mvsync.testing.moto.MotoDynamoDbResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The application of the real-Vtiger tier: the product's own functions, queue and drain with DynamoDB on moto and the
 * Vtiger client pointed at the real server. No global test resource (the Vtiger double would point the client
 * elsewhere, the Magento double is not needed: payloads carry what the sync reads).
 */
public class RealVtigerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mvsync.vtiger.url", RealVtigerEnv.url(),
                "mvsync.vtiger.username", RealVtigerEnv.user(),
                "mvsync.vtiger.access-key", RealVtigerEnv.accessKey());
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MotoDynamoDbResource.class));
    }
}
