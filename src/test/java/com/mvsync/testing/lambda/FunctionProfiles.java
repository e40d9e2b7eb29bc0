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

    public static final class CustomersCreated extends Export {
        public CustomersCreated() {
            super("customersCreated");
        }
    }

    /**
     * customersCreated with Magento's REST API not configured. A test resource annotation applies to every test class
     * (FakeMagentoResource configures Magento for all of them), so this profile starts only its own resources.
     */
    public static final class CustomersCreatedWithoutMagento extends Export {
        public CustomersCreatedWithoutMagento() {
            super("customersCreated");
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

    public static final class CustomersUpdated extends Export {
        public CustomersUpdated() {
            super("customersUpdated");
        }
    }

    public static final class ProductsSaved extends Export {
        public ProductsSaved() {
            super("productsSaved");
        }
    }

    public static final class OrdersPlaced extends Export {
        public OrdersPlaced() {
            super("ordersPlaced");
        }
    }

    public static final class InvoicesCreated extends Export {
        public InvoicesCreated() {
            super("invoicesCreated");
        }
    }

    public static final class CreditMemosCreated extends Export {
        public CreditMemosCreated() {
            super("creditMemosCreated");
        }
    }

    public static final class ShipmentsCreated extends Export {
        public ShipmentsCreated() {
            super("shipmentsCreated");
        }
    }

    public static final class ProductsDeleted extends Export {
        public ProductsDeleted() {
            super("productsDeleted");
        }
    }

    public static final class CustomersDeleted extends Export {
        public CustomersDeleted() {
            super("customersDeleted");
        }
    }
}
