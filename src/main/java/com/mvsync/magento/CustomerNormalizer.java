package com.mvsync.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Customer → {@code GET /V1/customers/{id}} shape. */
final class CustomerNormalizer implements EntityNormalizer {

    private static final Set<String> NUMERIC = Set.of("id", "group_id", "store_id", "website_id", "gender",
            "disable_auto_group_change");
    private static final Set<String> ADDRESS_NUMERIC = Set.of("id", "customer_id", "region_id", "parent_id");

    // Model data can include credential material; it must never reach the CRM or our logs.
    private static final List<String> SECRETS = List.of("password", "password_hash", "rp_token",
            "rp_token_created_at");

    // Pragmatic syntax check (RFC 5322 is far looser); the domain needs a dot, as Magento's validator requires.
    private static final Pattern EMAIL = Pattern.compile(
            "[^\\s@\"(),:;<>\\[\\]\\\\.]+(\\.[^\\s@\"(),:;<>\\[\\]\\\\.]+)*"
                    + "@[\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?(\\.[\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)+");

    private static final FieldRules RULES = new FieldRules()
            .expect(FieldRules.Kind.INTEGER, "id", "group_id", "store_id", "website_id", "gender")
            .expect(FieldRules.Kind.STRING, "email", "firstname", "lastname", "middlename", "prefix", "suffix",
                    "dob", "taxvat", "created_at", "updated_at", "default_billing", "default_shipping")
            .expect(FieldRules.Kind.ARRAY, "addresses", "custom_attributes")
            .expect(FieldRules.Kind.OBJECT, "extension_attributes");

    private static final FieldRules ADDRESS_RULES = new FieldRules()
            .expect(FieldRules.Kind.INTEGER, "id", "customer_id", "region_id")
            .expect(FieldRules.Kind.STRING, "firstname", "lastname", "company", "city", "postcode", "country_id",
                    "telephone")
            .expect(FieldRules.Kind.ARRAY, "street")
            .expect(FieldRules.Kind.OBJECT, "region");

    @Override
    public void normalize(ObjectNode customer) {
        Json.rename(customer, "entity_id", "id"); // model data (webhooks) uses entity_id
        SECRETS.forEach(customer::remove);
        Json.numbersIn(customer, NUMERIC::contains);
        for (String field : new String[] {"default_billing", "default_shipping"}) {
            JsonNode value = customer.get(field);
            if (value != null && value.isNumber()) {
                customer.put(field, Json.numberText(value)); // REST shows these address ids as strings
            }
        }
        ArrayNode addresses = Json.array(customer, "addresses");
        if (addresses != null) {
            for (JsonNode address : addresses) {
                if (address instanceof ObjectNode a) {
                    normaliseAddress(a, customer);
                }
            }
        }
    }

    private static void normaliseAddress(ObjectNode address, ObjectNode customer) {
        Json.rename(address, "entity_id", "id");
        Json.rename(address, "parent_id", "customer_id");
        Json.numbersIn(address, ADDRESS_NUMERIC::contains);
        Json.streetAsArray(address);
        JsonNode region = address.get("region");
        if (region != null && region.isTextual()) {
            // Model data: flat region/region_code/region_id; REST: a region object (region_id also kept flat).
            ObjectNode object = Json.NODES.objectNode();
            JsonNode code = address.remove("region_code");
            if (code != null) {
                object.set("region_code", code);
            }
            object.set("region", region);
            if (address.has("region_id")) {
                object.set("region_id", address.get("region_id"));
            }
            address.set("region", object);
        }
        String id = Json.scalarText(address, "id");
        for (String flag : new String[] {"default_billing", "default_shipping"}) {
            if (id != null && !address.has(flag) && id.equals(Json.scalarText(customer, flag))) {
                address.put(flag, true);
            }
        }
    }

    @Override
    public void validate(ObjectNode customer) {
        RULES.check(customer, "");
        if (!Json.has(customer, "id")) {
            throw new InvalidPayloadException("customer payload has no 'id' (model data: 'entity_id', Mageplaza: "
                    + "'customer_id'); the sync needs the Magento customer id");
        }
        String email = Json.scalarText(customer, "email");
        if (email == null || email.isBlank()) {
            throw new InvalidPayloadException("customer payload has no 'email'; the sync needs the customer's "
                    + "email address");
        }
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw new InvalidPayloadException("field 'email' is not a valid email address: \""
                    + (email.length() > 80 ? email.substring(0, 80) + "…" : email) + "\"; expected e.g. name@example.com");
        }
        ArrayNode addresses = Json.array(customer, "addresses");
        if (addresses != null) {
            for (int i = 0; i < addresses.size(); i++) {
                JsonNode address = addresses.get(i);
                if (!(address instanceof ObjectNode a)) {
                    throw new InvalidPayloadException("field 'addresses[" + i + "]' must be an object; got "
                            + Json.withArticle(address));
                }
                ADDRESS_RULES.check(a, "addresses[" + i + "].");
            }
        }
    }

    @Override
    public List<String> missing(ObjectNode customer) {
        List<String> missing = new ArrayList<>();
        for (String field : List.of("firstname", "lastname", "addresses")) {
            if (!Json.has(customer, field)) {
                missing.add(field);
            }
        }
        return missing;
    }

    @Override
    public String entityId(ObjectNode customer) {
        return Json.numberText(customer.get("id"));
    }
}
