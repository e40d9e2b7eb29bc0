package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.magento.EntityType;
import com.mvsync.settings.MissingCurrency;
import com.mvsync.settings.RecordPolicySource;
import com.mvsync.store.EntityLink;
import com.mvsync.sync.Currencies.Currency;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;

/**
 * In which Vtiger currency, and from which of Magento's amounts, a new Sales Order or Invoice is written. Vtiger
 * 8.2.0 takes one without {@code currency_id} and stores currency "" (amounts with no currency at all), and keeps an
 * id that names no currency as given (recorded: 14_create_SalesOrder_without_currency_id_stores_empty,
 * 14_create_SalesOrder_unknown_currency_id), so the sync only ever sends the id of a currency Vtiger has:
 * <ul>
 * <li>the currency the customer paid in ({@code order_currency_code}) when Vtiger has it, with Magento's amounts;</li>
 * <li>else, by the record policy's {@code missingCurrency}: a refusal naming the fix (a dead letter, the default), or
 * Magento's base currency ({@code base_currency_code}) with the {@code base_*} amounts, and a note;</li>
 * <li>with no {@code order_currency_code} at all (a template or subscription that leaves it out): the
 * {@code base_currency_code} with the base amounts, else Vtiger's base currency, and a note.</li>
 * </ul>
 */
@ApplicationScoped
public class SalesCurrency {

    /**
     * @param currencyId the Vtiger currency to write
     * @param amounts the entity whose amounts are in that currency (the entity itself, or its base-amount view)
     * @param note for the answer, when the currency is not the one the customer paid in as Magento names it
     */
    public record Choice(String currencyId, JsonNode amounts, Optional<String> note) {
    }

    private final Currencies currencies;
    private final RecordPolicySource policy;

    public SalesCurrency(Currencies currencies, RecordPolicySource policy) {
        this.currencies = currencies;
        this.policy = policy;
    }

    /**
     * @param type order or invoice, for the note
     * @param partial the entity's link as it is, carried by a refusal or a failed lookup
     * @throws RecordRefusedException when Vtiger has no currency the entity can be written in
     */
    public Choice choose(JsonNode entity, EntityType type, EntityLink partial) {
        String kind = type.label();
        String code = code(entity, "order_currency_code");
        String base = code(entity, "base_currency_code");
        if (code == null) {
            return unnamed(entity, kind, base, partial);
        }
        Optional<Currency> currency = currencies.byCode(code, partial);
        if (currency.isPresent()) {
            return new Choice(currency.get().id(), entity, Optional.empty());
        }
        if (policy.recordPolicy().missingCurrency() == MissingCurrency.BASE_CURRENCY && !code.equals(base)) {
            return inBaseCurrency(entity, kind, code, base, partial);
        }
        throw refused("Vtiger has no currency " + code, code, partial);
    }

    private Choice inBaseCurrency(JsonNode entity, String kind, String code, String base, EntityLink partial) {
        if (base == null || !BaseAmounts.present(entity)) {
            throw refused("Vtiger has no currency " + code + ", and the " + kind + " carries no base amounts "
                    + "(base_currency_code, base_grand_total) to write it in Magento's base currency instead", code,
                    partial);
        }
        Currency inBase = currencies.byCode(base, partial).orElseThrow(() -> refused("Vtiger has no currency " + code
                + ", nor " + base + " (Magento's base currency) to write it in instead", code, partial));
        boolean vtigerBase = currencies.base(partial).filter(c -> c.code().equals(base)).isPresent();
        return new Choice(inBase.id(), BaseAmounts.of(entity), Optional.of(kind + " in " + code + " written in " + base
                + " (" + (vtigerBase ? "Vtiger's" : "Magento's") + " base currency) from Magento's base amounts: "
                + "Vtiger has no currency " + code));
    }

    /** Magento always names the order currency; a payload that does not is written in the base currency. */
    private Choice unnamed(JsonNode entity, String kind, String base, EntityLink partial) {
        if (base != null) {
            Currency inBase = currencies.byCode(base, partial).orElseThrow(() -> refused("Vtiger has no currency "
                    + base + " (the " + kind + "'s base_currency_code; it names no order_currency_code)", base,
                    partial));
            boolean baseAmounts = BaseAmounts.present(entity);
            return new Choice(inBase.id(), baseAmounts ? BaseAmounts.of(entity) : entity, Optional.of("the " + kind
                    + " names no order_currency_code: written in " + base + " (Magento's base currency)"
                    + (baseAmounts ? " from Magento's base amounts" : "")));
        }
        Currency vtigerBase = currencies.base(partial).orElseThrow(() -> new RecordRefusedException("the " + kind
                + " names no currency and Vtiger has no base currency: set one in Vtiger (Settings > Currencies), "
                + "then retry this item from the queue", partial));
        return new Choice(vtigerBase.id(), entity, Optional.of("the " + kind + " names no currency (neither "
                + "order_currency_code nor base_currency_code): written in " + vtigerBase.code()
                + " (Vtiger's base currency)"));
    }

    private static RecordRefusedException refused(String reason, String code, EntityLink partial) {
        return new RecordRefusedException(reason + ": add currency " + code
                + " in Vtiger (Settings > Currencies), then retry this item from the queue", partial);
    }

    private static String code(JsonNode entity, String field) {
        String text = entity.path(field).isValueNode() ? entity.path(field).asText("").trim() : "";
        return text.isEmpty() ? null : text.toUpperCase(Locale.ROOT);
    }
}
