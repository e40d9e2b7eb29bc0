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
}
