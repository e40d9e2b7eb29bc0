package com.mvsync.testing.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared Magento samples (src/test/resources/magento), made unique per test: customer 42, its last name and
 * maria.keller@example.com become the given id, a name and email of its own, so tests never see each other's records.
 */
public final class Samples {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CUSTOMER_ID = Pattern.compile("(\"(?:id|entity_id|customer_id)\"\\s*:\\s*\"?)42(\"?)");

    private Samples() {
    }

    private static final Pattern EVENT_ID = Pattern.compile("(\"(?:event_id|eventid)\"\\s*:\\s*\")[^\"]+(\")");

    /**
     * A customer sample as customer {@code id} with {@code email}, working for "Keller Design <id>" (a company
     * Organization is shared by its people, so tests must not share one) and with its own event id.
     */
    public static String customer(String resource, long id, String email) {
        String text = HttpApiRequests.resource("/magento/" + resource).replace("maria.keller@example.com", email)
                .replace("Keller Design LLC", "Keller Design " + id)
                .replace("\"Keller\"", "\"" + surname(id) + "\"")
                .replace("\"Keller-Brandt\"", "\"" + editedSurname(id) + "\"");
        Matcher m = CUSTOMER_ID.matcher(text);
        text = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + id + r.group(2)));
        return EVENT_ID.matcher(text).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "evt-" + id + r.group(2)));
    }

    /**
     * The customer's last name in the samples made unique: a stock Vtiger refuses a second Organization of a taken
     * name, and a personal Organization is named after the person, so tests must not share one (see
     * FaithfulRecordsTest for what the sync does when two customers do).
     */
    public static String surname(long id) {
        return "Keller " + Long.toString(id, 36);
    }

    /** The last name after the edit of the "edited" samples, made unique like {@link #surname}. */
    public static String editedSurname(long id) {
        return "Keller-Brandt " + Long.toString(id, 36);
    }

    /**
     * An order or invoice sample made unique: order 3005 / 000003005 becomes {@code orderId}, invoice 2001 /
     * 000002001 becomes {@code orderId + 1}, and its customer becomes {@code customerId} with {@code email}.
     */
    public static String sales(String resource, long orderId, long customerId, String email) {
        String text = customer(resource, customerId, email)
                .replace("000003005", "9" + orderId).replace("000002001", "8" + orderId);
        text = text.replaceAll("\\b3005\\b", Long.toString(orderId));
        return text.replaceAll("\\b2001\\b", Long.toString(orderId + 1));
    }

    /**
     * A product sample as the product with {@code sku} (instead of MB-TRAVEL-01) and the event id "evt-<sku>": a test
     * that sends the same event sample twice as two events must change the event id itself.
     */
    public static String product(String resource, String sku) {
        String text = HttpApiRequests.resource("/magento/" + resource).replace("MB-TRAVEL-01", sku);
        return EVENT_ID.matcher(text).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "evt-" + sku + r.group(2)));
    }

    public static String text(String resource) {
        return HttpApiRequests.resource("/magento/" + resource);
    }

    /**
     * An order or invoice sample as placed in another display currency, the way Magento converts it: the customer
     * pays in {@code code}, every amount X (of the entity and of each item) is its {@code base_X} (in the store's base
     * currency, USD in the samples) times {@code rate}, rounded to cents, and {@code base_to_order_rate} is the rate.
     */
    public static String inCurrency(String sample, String code, String rate) {
        try {
            ObjectNode entity = (ObjectNode) JSON.readTree(sample);
            BigDecimal factor = new BigDecimal(rate);
            convert(entity, factor);
            entity.path("items").forEach(item -> convert((ObjectNode) item, factor));
            entity.put("order_currency_code", code).put("base_to_order_rate", factor);
            return entity.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void convert(ObjectNode node, BigDecimal rate) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            String converted = name.startsWith("base_") ? name.substring(5) : null;
            JsonNode base = node.get(name);
            if (converted != null && base.isNumber() && node.path(converted).isNumber()) {
                node.put(converted, base.decimalValue().multiply(rate).setScale(2, RoundingMode.HALF_UP));
            }
        }
    }

    /**
     * Order 3005 of the samples (89 + 2 × 24.50, shipping 10) as a store charging 19 % VAT on the lines and the
     * shipping sends it: line taxes 16.91 and 9.31, shipping tax 1.90, grand total 176.12, base amounts alike.
     */
    public static String taxedAt19(String order3005) {
        return taxed(order3005, new int[] { 19, 19 }, new String[] { "16.91", "9.31" }, "28.12", "176.12");
    }

    /**
     * Order 3005 as a German store sends it with the first line at 19 % (a backpack) and the second at the reduced 7 %
     * (books, food): line taxes 16.91 and 3.43, shipping taxed at 19 % (1.90), tax 22.24, grand total 170.24.
     */
    public static String taxedAt19And7(String order3005) {
        return taxed(order3005, new int[] { 19, 7 }, new String[] { "16.91", "3.43" }, "22.24", "170.24");
    }

    private static String taxed(String order3005, int[] rates, String[] lineTaxes, String tax, String grandTotal) {
        try {
            ObjectNode o = (ObjectNode) JSON.readTree(order3005);
            int i = 0;
            for (JsonNode item : o.withArray("items")) {
                BigDecimal lineTax = new BigDecimal(lineTaxes[i]);
                ((ObjectNode) item).put("tax_percent", rates[i++]).put("tax_amount", lineTax)
                        .put("base_tax_amount", lineTax);
            }
            for (String prefix : List.of("", "base_")) {
                o.put(prefix + "tax_amount", new BigDecimal(tax))
                        .put(prefix + "shipping_tax_amount", new BigDecimal("1.90"))
                        .put(prefix + "grand_total", new BigDecimal(grandTotal));
            }
            return o.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
