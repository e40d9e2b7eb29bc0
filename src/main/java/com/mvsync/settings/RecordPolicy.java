package com.mvsync.settings;

import io.quarkus.runtime.annotations.RegisterForReflection;

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
 */
@RegisterForReflection
public record RecordPolicy(boolean alwaysFetch, FirstLink firstLink, MissingCurrency missingCurrency,
        String organizationNameWhenTaken, String unstorableCharacter) {

    public static final String DEFAULT_ORGANIZATION_NAME_WHEN_TAKEN = "firstname + ' ' + lastname + ' (' + email + ')'";
    public static final String DEFAULT_UNSTORABLE_CHARACTER = "\uFFFD";
    /** A substitute longer than this would make short fields (names, codes) hit their limit. */
    public static final int MAX_SUBSTITUTE_LENGTH = 8;

    public static final RecordPolicy DEFAULT = new RecordPolicy(false, FirstLink.MAGENTO_WINS,
            MissingCurrency.DEAD_LETTER, DEFAULT_ORGANIZATION_NAME_WHEN_TAKEN, DEFAULT_UNSTORABLE_CHARACTER);

    public RecordPolicy {
        if (firstLink == null) {
            throw new InvalidSettingsException("records.firstLink must be one of " + FirstLink.wireNames());
        }
        if (missingCurrency == null) {
            throw new InvalidSettingsException("records.missingCurrency must be one of " + MissingCurrency.wireNames());
        }
        if (organizationNameWhenTaken == null || organizationNameWhenTaken.isBlank()) {
            throw new InvalidSettingsException("records.organizationNameWhenTaken must be a mapping expression, e.g. "
                    + DEFAULT_ORGANIZATION_NAME_WHEN_TAKEN);
        }
        if (unstorableCharacter == null || unstorableCharacter.codePointCount(0, unstorableCharacter.length())
                > MAX_SUBSTITUTE_LENGTH) {
            throw new InvalidSettingsException("records.unstorableCharacter must be a string of at most "
                    + MAX_SUBSTITUTE_LENGTH + " characters (\"\" drops the character)");
        }
        if (unstorableCharacter.codePoints().anyMatch(c -> c > 0xFFFF)) {
            throw new InvalidSettingsException("records.unstorableCharacter must itself be storable in Vtiger: no "
                    + "emoji or other character outside the Basic Multilingual Plane");
        }
    }

    public RecordPolicy withAlwaysFetch(boolean value) {
        return new RecordPolicy(value, firstLink, missingCurrency, organizationNameWhenTaken, unstorableCharacter);
    }

    public RecordPolicy withFirstLink(FirstLink value) {
        return new RecordPolicy(alwaysFetch, value, missingCurrency, organizationNameWhenTaken, unstorableCharacter);
    }

    public RecordPolicy withMissingCurrency(MissingCurrency value) {
        return new RecordPolicy(alwaysFetch, firstLink, value, organizationNameWhenTaken, unstorableCharacter);
    }

    public RecordPolicy withOrganizationNameWhenTaken(String value) {
        return new RecordPolicy(alwaysFetch, firstLink, missingCurrency, value, unstorableCharacter);
    }

    public RecordPolicy withUnstorableCharacter(String value) {
        return new RecordPolicy(alwaysFetch, firstLink, missingCurrency, organizationNameWhenTaken, value);
    }
}
