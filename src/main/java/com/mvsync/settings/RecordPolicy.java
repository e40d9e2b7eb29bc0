package com.mvsync.settings;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.EnumMap;
import java.util.Map;

/**
 * How the sync treats records where Magento and Vtiger disagree or Vtiger cannot hold what Magento says. Stored with
 * the per-type settings ({@code PUT /admin/settings}, property {@code records}); every field has a safe default.
 *
 * @param alwaysFetch fetch every customer, product, order and invoice from Magento's REST API before syncing it, for
 *     senders that always send partial data (by default only a payload that lacks a mapped field is completed)
 * @param firstLink whose values stand when a lookup finds a record made earlier (by a person, or by the extension this
 *     product replaces) and links it
 * @param missingCurrency what an order or invoice in a currency Vtiger lacks becomes
 * @param organizationNameWhenTaken mapping expression naming a personal Organization whose name is taken by another
 *     customer's (Vtiger refuses duplicate Organization names)
 * @param unstorableCharacter what replaces each character Vtiger's utf8mb3 tables cannot store (emoji, CJK Extension
 *     B), which Vtiger itself would store as "????"
 * @param contactsCreateCustomers two-way sync: a Contact no Magento customer is linked to becomes one (found by
 *     e-mail and linked, else created); off by default, when such Contacts are only listed
 */
@RegisterForReflection
public record RecordPolicy(boolean alwaysFetch, FirstLink firstLink, MissingCurrency missingCurrency,
        String organizationNameWhenTaken, String unstorableCharacter, boolean contactsCreateCustomers) {

    public static final String DEFAULT_ORGANIZATION_NAME_WHEN_TAKEN = "firstname + ' ' + lastname + ' (' + email + ')'";
    public static final String DEFAULT_UNSTORABLE_CHARACTER = "\uFFFD";
    /** A substitute longer than this would make short fields (names, codes) hit their limit. */
    public static final int MAX_SUBSTITUTE_LENGTH = 8;

    /** Every field at its default ({@link RecordSetting}). */
    public static final RecordPolicy DEFAULT = builder().build();

    /** Each field checked by its {@link RecordSetting} (the first problem is the answer). */
    public RecordPolicy {
        RecordSetting.ALWAYS_FETCH.check(alwaysFetch);
        RecordSetting.FIRST_LINK.check(firstLink);
        RecordSetting.MISSING_CURRENCY.check(missingCurrency);
        RecordSetting.ORGANIZATION_NAME_WHEN_TAKEN.check(organizationNameWhenTaken);
        RecordSetting.UNSTORABLE_CHARACTER.check(unstorableCharacter);
    }

    /** A policy with the settings' default for every field added since (two-way sync's off). */
    public RecordPolicy(boolean alwaysFetch, FirstLink firstLink, MissingCurrency missingCurrency,
            String organizationNameWhenTaken, String unstorableCharacter) {
        this(alwaysFetch, firstLink, missingCurrency, organizationNameWhenTaken, unstorableCharacter, false);
    }

    /** A builder with every field at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this policy's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        for (RecordSetting setting : RecordSetting.values()) {
            b.set(setting, get(setting));
        }
        return b;
    }

    /** The value of one field. */
    public Object get(RecordSetting setting) {
        return switch (setting) {
            case ALWAYS_FETCH -> alwaysFetch;
            case FIRST_LINK -> firstLink;
            case MISSING_CURRENCY -> missingCurrency;
            case ORGANIZATION_NAME_WHEN_TAKEN -> organizationNameWhenTaken;
            case UNSTORABLE_CHARACTER -> unstorableCharacter;
            case CONTACTS_CREATE_CUSTOMERS -> contactsCreateCustomers;
        };
    }

    public RecordPolicy withAlwaysFetch(boolean value) {
        return toBuilder().set(RecordSetting.ALWAYS_FETCH, value).build();
    }

    public RecordPolicy withFirstLink(FirstLink value) {
        return toBuilder().set(RecordSetting.FIRST_LINK, value).build();
    }

    public RecordPolicy withMissingCurrency(MissingCurrency value) {
        return toBuilder().set(RecordSetting.MISSING_CURRENCY, value).build();
    }

    public RecordPolicy withOrganizationNameWhenTaken(String value) {
        return toBuilder().set(RecordSetting.ORGANIZATION_NAME_WHEN_TAKEN, value).build();
    }

    public RecordPolicy withUnstorableCharacter(String value) {
        return toBuilder().set(RecordSetting.UNSTORABLE_CHARACTER, value).build();
    }

    public RecordPolicy withContactsCreateCustomers(boolean value) {
        return toBuilder().set(RecordSetting.CONTACTS_CREATE_CUSTOMERS, value).build();
    }

    /** A record policy field by field, by {@link RecordSetting}: the one place that knows the fields' order. */
    public static final class Builder {

        private final Map<RecordSetting, Object> values = new EnumMap<>(RecordSetting.class);

        private Builder() {
            for (RecordSetting setting : RecordSetting.values()) {
                values.put(setting, setting.defaultValue());
            }
        }

        public Builder set(RecordSetting setting, Object value) {
            values.put(setting, setting.cast(value));
            return this;
        }

        /** @throws InvalidSettingsException when a field is invalid */
        public RecordPolicy build() {
            return new RecordPolicy((Boolean) values.get(RecordSetting.ALWAYS_FETCH),
                    (FirstLink) values.get(RecordSetting.FIRST_LINK),
                    (MissingCurrency) values.get(RecordSetting.MISSING_CURRENCY),
                    (String) values.get(RecordSetting.ORGANIZATION_NAME_WHEN_TAKEN),
                    (String) values.get(RecordSetting.UNSTORABLE_CHARACTER),
                    (Boolean) values.get(RecordSetting.CONTACTS_CREATE_CUSTOMERS));
        }
    }
}
