package com.mvsync.realvtiger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mvsync.connection.CheckReport;
import com.mvsync.connection.ConnectionCheck;
import com.mvsync.store.EntityLink;
import com.mvsync.sync.Fields;
import com.mvsync.sync.RecordWriter;
import com.mvsync.testing.realvtiger.RealVtigerEnv;
import com.mvsync.testing.realvtiger.RealVtigerProfile;
import com.mvsync.testing.realvtiger.RealVtigerTier;
import com.mvsync.testing.vtiger.RawVtiger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On a real, stock Vtiger 8.2.0 whose admin never opened My Preferences ("Number of currency decimals" NULL, answered
 * "0"): the connection check says what to change, and a price Vtiger rounds is noted naming that preference.
 */
@RealVtigerTier
@QuarkusTest
@TestProfile(RealVtigerProfile.class)
class CurrencyRoundingTest {

    @Inject
    RecordWriter writer;
    @Inject
    ConnectionCheck check;

    private static int decimals(RawVtiger.Session session) {
        String userId = session.query("SELECT id FROM Users WHERE user_name = '" + RealVtigerEnv.user() + "'").get(0)
                .path("id").asText();
        return session.retrieve(userId).path("no_of_currency_decimals").asInt();
    }

    @Test
    void aStockAdminRoundsPricesAndIsToldWhatToChange() {
        RawVtiger.Session session = RealVtigerEnv.session();
        assumeTrue(decimals(session) == 0, "the sync user's currency decimals are not a stock admin's 0 (reset the"
                + " server: vtiger-server.sh reset)");

        CheckReport.VtigerCheck vtiger = check.run().vtiger();
        assertThat(vtiger.ok()).as(vtiger.message()).isTrue();
        assertThat(vtiger.status()).isEqualTo(CheckReport.Status.ATTENTION);
        assertThat(vtiger.currency().decimals()).isZero();
        assertThat(vtiger.currency().currency()).isEqualTo("USD");
        assertThat(vtiger.currency().warnings()).containsExactly("the Vtiger user " + RealVtigerEnv.user()
                + " rounds to 0 decimals; set My Preferences > Currency decimals to 2 (Vtiger rounds every price the"
                + " sync writes: 19.99 would be stored as 20.00)");

        String sku = "SKU-ROUND-REAL-" + System.nanoTime();
        Map<String, String> product = new LinkedHashMap<>();
        product.put("productname", "Rounded Tee (real)");
        product.put("productcode", sku);
        product.put("unit_price", "7.50");
        RecordWriter.Written made = writer.write(EntityLink.empty("product#" + sku), "Products",
                new Fields(product, product), RecordWriter.Lookup.by(Map.of("productcode", sku)), true);
        try {
            assertThat(session.retrieve(made.outcome().id()).path("unit_price").asText()).isEqualTo("8.00000000");
            assertThat(made.notes()).containsExactly("Products.unit_price 7.50 stored as 8.00: the Vtiger user "
                    + RealVtigerEnv.user() + " rounds to 0 decimals; set My Preferences > Currency decimals to 2");
        } finally {
            session.delete(made.outcome().id());
        }
    }
}
