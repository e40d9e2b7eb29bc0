package com.mvsync.testing.lambda;

import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * One Quarkus test profile per exported function: the Lambda mock event server invokes whichever function
 * {@code quarkus.funqy.export} names, as each Lambda's {@code QUARKUS_FUNQY_EXPORT} does in AWS.
 */
public final class FunctionProfiles {

    private FunctionProfiles() {
    }

    abstract static class Export implements QuarkusTestProfile {
        private final String export;

        Export(String export) {
            this.export = export;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", export);
        }
    }

    /**
     * Every webhook route: one export ({@code webhook}) takes its route from the event, so tests of different routes
     * share this profile (and one Quarkus start).
     */
    public static final class Webhook extends Export {
        public Webhook() {
            super("webhook");
        }
    }

    /**
     * The webhook export with Magento's REST API not configured. A test resource annotation applies to every test
     * class (FakeMagentoResource configures Magento for all of them), so this profile starts only its own resources.
     */
    public static final class WebhookWithoutMagento extends Export {
        public WebhookWithoutMagento() {
            super("webhook");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MotoDynamoDbResource.class),
                    new TestResourceEntry(FakeVtigerResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }
}
