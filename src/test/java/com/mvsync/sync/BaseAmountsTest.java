package com.mvsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.testing.lambda.Samples;
import org.junit.jupiter.api.Test;

/** The base-amount view of a real order shape, in EUR with base USD. */
class BaseAmountsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyAmountOfTheOrderAndItsItemsBecomesItsBaseAmountAndNothingElseChanges() throws Exception {
        JsonNode eur = JSON.readTree(Samples.inCurrency(Samples.text("rest/order_get_3005.json"), "EUR", "0.92"));
        assertThat(eur.path("grand_total").decimalValue()).isEqualByComparingTo("136.16");

        JsonNode base = BaseAmounts.of(eur);

        assertThat(BaseAmounts.present(eur)).isTrue();
        assertThat(base.path("grand_total").decimalValue()).isEqualByComparingTo("148");
        assertThat(base.path("shipping_amount").decimalValue()).isEqualByComparingTo("10");
        assertThat(base.path("items").get(1).path("price").decimalValue()).isEqualByComparingTo("24.5");
        assertThat(base.path("items").get(1).path("row_total").decimalValue()).isEqualByComparingTo("49");
        assertThat(base.path("order_currency_code").asText()).isEqualTo("EUR");
        assertThat(base.path("base_currency_code").asText()).isEqualTo("USD");
        assertThat(base.path("increment_id")).isEqualTo(eur.path("increment_id"));
        assertThat(eur.path("grand_total").decimalValue()).as("the entity itself is untouched")
                .isEqualByComparingTo("136.16");
    }

    @Test
    void aBaseAmountSentAsTextCountsAndAPayloadWithoutBaseAmountsHasNone() throws Exception {
        JsonNode text = JSON.readTree("{\"grand_total\": \"136.160000\", \"base_grand_total\": \"148.000000\"}");
        assertThat(BaseAmounts.present(text)).isTrue();
        assertThat(BaseAmounts.of(text).path("grand_total").asText()).isEqualTo("148.000000");

        assertThat(BaseAmounts.present(JSON.readTree("{\"grand_total\": 148, \"base_currency_code\": \"USD\"}")))
                .isFalse();
    }
}
