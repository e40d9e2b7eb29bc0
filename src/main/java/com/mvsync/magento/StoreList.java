package com.mvsync.magento;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Magento's websites and store views as its REST API lists them ({@code GET /V1/store/websites},
 * {@code /V1/store/storeViews}, {@code /V1/store/storeConfigs}: Magento\Store\Api\Data\WebsiteInterface,
 * StoreInterface, StoreConfigInterface), without the admin website and store view (id 0), which no entity belongs to.
 */
@RegisterForReflection
public record StoreList(List<Website> websites, List<StoreView> storeViews) {

    /** One website: {@code id, code, name}. */
    @RegisterForReflection
    public record Website(int id, String code, String name) {
    }

    /**
     * One store view, with what its {@code storeConfigs} entry says of it (null when Magento listed none).
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StoreView(int id, String code, String name, int websiteId, String locale, String baseCurrency,
            String displayCurrency) {
    }

    public StoreList {
        websites = List.copyOf(websites);
        storeViews = List.copyOf(storeViews);
    }

    /** The list from the three answers; entries without an id or code are left out. */
    public static StoreList of(JsonNode websites, JsonNode storeViews, JsonNode storeConfigs) {
        List<Website> sites = new ArrayList<>();
        for (JsonNode w : websites) {
            int id = w.path("id").asInt(0);
            if (id > 0 && !w.path("code").asText("").isEmpty()) {
                sites.add(new Website(id, w.path("code").asText(), w.path("name").asText("")));
            }
        }
        List<StoreView> views = new ArrayList<>();
        for (JsonNode s : storeViews) {
            int id = s.path("id").asInt(0);
            if (id > 0 && !s.path("code").asText("").isEmpty()) {
                JsonNode config = configOf(storeConfigs, id);
                views.add(new StoreView(id, s.path("code").asText(), s.path("name").asText(""),
                        s.path("website_id").asInt(0), text(config, "locale"), text(config, "base_currency_code"),
                        text(config, "default_display_currency_code")));
            }
        }
        return new StoreList(sites, views);
    }

    public Optional<Website> website(int id) {
        return websites.stream().filter(w -> w.id() == id).findFirst();
    }

    public Optional<Website> website(String code) {
        return websites.stream().filter(w -> w.code().equals(code)).findFirst();
    }

    public Optional<StoreView> storeView(int id) {
        return storeViews.stream().filter(s -> s.id() == id).findFirst();
    }

    public Optional<StoreView> storeView(String code) {
        return storeViews.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    private static JsonNode configOf(JsonNode storeConfigs, int id) {
        for (JsonNode c : storeConfigs) {
            if (c.path("id").asInt(-1) == id) {
                return c;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.path(field).isTextual() ? null : node.path(field).asText();
    }
}
