package com.mvsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's Adobe I/O Events subscription for customers lists every field the default customer mapping reads, so
 * that a store without the REST API configured gets the records complete.
 */
class ReadmeSubscriptionTest {

    private static final List<String> ADDRESS_ROOTS = List.of("default_billing", "default_shipping");

    @Test
    void theCustomerSubscriptionCoversTheDefaultMapping() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("  - `observer.customer_save_commit_after`:");
        assertThat(start).as("the subscription list in README.md").isPositive();
        String subscription = readme.substring(start, readme.indexOf("  - `observer.", start + 10))
                .replaceAll("\\s+", " ");

        List<String> needed = new ArrayList<>();
        for (RecordType type : List.of(RecordType.LEAD, RecordType.ORGANIZATION, RecordType.CONTACT)) {
            for (MappingRow row : DefaultMappings.rowsFor(type)) {
                for (String path : PathExpression.parse(row.magentoField()).paths()) {
                    String[] segments = path.split("\\.");
                    if (ADDRESS_ROOTS.contains(segments[0])) {
                        needed.add(segments[0]);
                        needed.add("addresses[]." + segments[1]);
                    } else {
                        needed.add(segments[0]);
                    }
                }
            }
        }
        for (String field : needed.stream().distinct().toList()) {
            assertThat(subscription).as(field).containsPattern("[` ]" + java.util.regex.Pattern.quote(field) + "[,`]");
        }
    }

    /** The credit memo and shipment subscriptions list every field their default rows read. */
    @Test
    void theCreditMemoAndShipmentSubscriptionsCoverTheirDefaultRows() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (var entry : List.of(java.util.Map.entry("sales_order_creditmemo_save_commit_after", RecordType.CREDIT_MEMO),
                java.util.Map.entry("sales_order_shipment_save_commit_after", RecordType.SHIPMENT))) {
            int start = readme.indexOf("  - `observer." + entry.getKey() + "`:");
            assertThat(start).as("the " + entry.getKey() + " subscription in README.md").isPositive();
            String subscription = readme.substring(start, readme.indexOf("  - `observer.", start + 10))
                    .replaceAll("\\s+", " ");
            for (MappingRow row : DefaultMappings.rowsFor(entry.getValue())) {
                for (String path : PathExpression.parse(row.magentoField()).paths()) {
                    String field = path.replaceAll("\\[\\d+]", "[]");
                    assertThat(subscription).as(field).containsPattern("[` ]" + java.util.regex.Pattern.quote(field)
                            + "[,`]");
                }
            }
        }
    }
}
