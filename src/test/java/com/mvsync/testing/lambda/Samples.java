package com.mvsync.testing.lambda;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared Magento samples (src/test/resources/magento), made unique per test: customer 42, its last name and
 * maria.keller@example.com become the given id, a name and email of its own, so tests never see each other's records.
 */
public final class Samples {

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
}
