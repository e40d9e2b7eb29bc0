package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.cache.TtlCache;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.magento.rest.MagentoRestConfig;
import com.mvsync.magento.rest.MagentoRestException;
import com.mvsync.mapping.AttributeOptions;
import com.mvsync.mapping.OptionLabels;
import com.mvsync.mapping.RecordType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Option labels from Magento's attribute metadata ({@code GET /V1/customerMetadata/attribute/{code}}, {@code GET
 * /V1/products/attributes/{code}}), in the store view of the connection's REST URL (its labels are that view's), read
 * once per attribute and connection for {@code mvsync.magento.attribute-ttl}.
 */
@ApplicationScoped
public class MagentoOptionLabels implements OptionLabels {

    private final MagentoRestClient magento;
    private final TtlCache<String, AttributeOptions> cache;

    public MagentoOptionLabels(MagentoRestClient magento, MagentoRestConfig config, Clock clock) {
        this.magento = magento;
        this.cache = new TtlCache<>(clock, config::attributeTtl);
    }

    @Override
    public AttributeOptions attribute(RecordType type, String code) {
        Optional<EntityType> entity = EntityType.feeding(type).filter(t -> t.attributePath(code).isPresent());
        if (entity.isEmpty()) {
            return AttributeOptions.unavailable(code, type.module() + " records are not made from an entity with"
                    + " custom attributes");
        }
        Optional<String> notConfigured = magento.notConfiguredReason();
        if (notConfigured.isPresent()) {
            return AttributeOptions.unavailable(code, "Magento's REST API is not configured ("
                    + notConfigured.get() + ")");
        }
        String key = magento.restBase().map(Object::toString).orElse("") + " " + entity.get().label() + " " + code;
        return cache.get(key, k -> read(entity.get(), code));
    }

    private AttributeOptions read(EntityType type, String code) {
        JsonNode metadata;
        try {
            metadata = magento.attribute(type, code);
        } catch (MagentoRestException e) {
            if (e.code().equals(MagentoRestException.NOT_FOUND)) {
                return AttributeOptions.unavailable(code, "Magento has no " + type.label() + " attribute " + code);
            }
            if (e.httpStatus() == 401 || e.httpStatus() == 403) {
                // The integration may read customers and products but not their attributes' metadata (its API
                // access lacks the attribute resources): a note on the field, not a pause of every sync.
                return AttributeOptions.unavailable(code, "Magento refused to describe it (" + e.getMessage()
                        + "); give the integration access to the " + type.label() + " attributes");
            }
            Optional<RuntimeException> unanswered = MagentoEntityFetcher.unanswered(e, type.label() + " attribute "
                    + code);
            if (unanswered.isPresent()) {
                throw unanswered.get();
            }
            return AttributeOptions.unavailable(code, e.getMessage());
        }
        return options(code, metadata);
    }

    /** {@code frontend_input} and {@code options[].value → label}; the empty placeholder option is skipped. */
    static AttributeOptions options(String code, JsonNode metadata) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (JsonNode option : metadata.path("options")) {
            String value = option.path("value").asText("");
            if (!value.isBlank()) {
                labels.put(value, option.path("label").asText(""));
            }
        }
        return AttributeOptions.of(code, metadata.path("frontend_input").asText(""), labels);
    }
}
