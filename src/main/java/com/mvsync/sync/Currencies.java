package com.mvsync.sync;

import com.mvsync.store.EntityLink;
import com.mvsync.vtiger.VtigerClient;
import com.mvsync.vtiger.VtigerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vtiger's currencies (its Currency module; an admin adds them in Settings > Currencies; a fresh 8.2.0 has USD, 21x1,
 * only: recorded in 14_query_Currency_default_install). A currency found is remembered for the container's life, per
 * Vtiger URL: Vtiger never renumbers one. A code Vtiger lacks is asked again every time, so that the retry of an
 * order after the admin added its currency finds it in a warm container. A failed lookup is a {@link
 * SyncFailedException} (retried when Vtiger's error is transient), never "no such currency".
 */
@ApplicationScoped
public class Currencies {

    /** Vtiger marks its base currency (the one Products are priced in) with defaultid -11 in vtiger_currency_info. */
    static final String BASE_CURRENCY_MARK = "-11";
    private static final String BASE = "(base)";

    /** A Vtiger currency: its record id (21x…) and ISO code. */
    public record Currency(String id, String code) {
    }

    private final VtigerClient vtiger;
    private final Map<String, Currency> found = new ConcurrentHashMap<>();

    public Currencies(VtigerClient vtiger) {
        this.vtiger = vtiger;
    }

    /**
     * @param code an ISO code such as EUR
     * @param partial the link of the entity being synced, for the failure
     */
    public Optional<Currency> byCode(String code, EntityLink partial) {
        String normalised = code.trim().toUpperCase(Locale.ROOT);
        return lookup(normalised, "SELECT id FROM Currency WHERE currency_code = " + VtigerClient.quote(normalised)
                + ";", partial);
    }

    /** Vtiger's base currency. */
    public Optional<Currency> base(EntityLink partial) {
        return lookup(BASE, "SELECT id, currency_code FROM Currency WHERE defaultid = "
                + VtigerClient.quote(BASE_CURRENCY_MARK) + ";", partial);
    }

    private Optional<Currency> lookup(String code, String vtql, EntityLink partial) {
        try {
            String key = vtiger.connection().map(c -> c.baseUri().toString()).orElse("") + " " + code;
            Currency cached = found.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
            Optional<Currency> currency = vtiger.queryOne(vtql).filter(r -> !r.path("id").asText("").isEmpty())
                    .map(r -> new Currency(r.path("id").asText(), code.equals(BASE)
                            ? r.path("currency_code").asText("").toUpperCase(Locale.ROOT) : code));
            currency.ifPresent(c -> found.put(key, c)); // "not found" is never kept
            return currency;
        } catch (VtigerException e) {
            throw new SyncFailedException("Currency", partial, e);
        }
    }
}
