package com.mvsync.vtiger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    private final StorableText text = new StorableText(new FieldLimits(""));

    @Test
    void aValueWithinItsColumnIsKeptAsItIs() {
        StorableText.Fitted fitted = text.fit("Contacts", "mailingstreet", "Hauptstraße 5 — Hof", "\uFFFD");

        assertThat(fitted.value()).isEqualTo("Hauptstraße 5 — Hof");
        assertThat(fitted.altered()).isFalse();
    }

    @Test
    void aLongerValueIsCutToTheColumnAndSaysSo() {
        String street = "x".repeat(255);

        StorableText.Fitted fitted = text.fit("Contacts", "mailingstreet", street, "\uFFFD");

        assertThat(fitted.value()).hasSize(250);
        assertThat(fitted.alterations()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Alteration.Kind.CUT);
            assertThat(a.note()).isEqualTo(
                    "Contacts.mailingstreet cut from 255 to 250 characters (Vtiger's column holds 250)");
        });
    }

    @Test
    void fourByteCharactersAreReplacedThenTheValueIsCutOnACharacterBoundary() {
        // Leads.city holds 30 characters; each emoji is two Java chars but one character for MySQL.
        String city = "🏙".repeat(31);

        StorableText.Fitted kept = text.fit("Leads", "city", city, "*");
        StorableText.Fitted dropped = text.fit("Products", "productname", "Gift 🎁 𠮷 — ok", "");

        assertThat(kept.value()).isEqualTo("*".repeat(30));
        assertThat(kept.alterations()).extracting(Alteration::kind)
                .containsExactly(Alteration.Kind.SUBSTITUTED, Alteration.Kind.CUT);
        assertThat(dropped.value()).isEqualTo("Gift   — ok");
        assertThat(dropped.alterations()).singleElement().extracting(Alteration::note).isEqualTo(
                "Products.productname: 2 characters Vtiger cannot store (emoji or another 4-byte character) replaced");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String code = "A".repeat(39) + "😀" + "B";

        StorableText.Fitted fitted = new StorableText(new FieldLimits("Products.productcode=40"))
                .fit("Products", "productcode", code, "?");

        assertThat(fitted.value()).isEqualTo("A".repeat(39) + "?");
    }

    @Test
    void overridesWidenNarrowOrLiftALimit() {
        FieldLimits limits = new FieldLimits("Products.productcode=64, Contacts.mailingstreet=unlimited,Leads.cf_901=10");

        assertThat(limits.maxChars("Products", "productcode")).hasValue(64);
        assertThat(limits.maxChars("Contacts", "mailingstreet")).isEmpty();
        assertThat(limits.maxChars("Leads", "cf_901")).hasValue(10);
        assertThat(limits.maxChars("Leads", "city")).hasValue(30);
        assertThat(limits.maxChars("Accounts", "description")).isEmpty();
    }

    @Test
    void aMalformedOverrideStopsTheStartWithItsReason() {
        assertThatThrownBy(() -> new FieldLimits("Products.productcode=wide"))
                .hasMessageContaining("Products.productcode must be a positive number of characters or 'unlimited'");
        assertThatThrownBy(() -> new FieldLimits("productcode=64")).hasMessageContaining("is not Module.field=");
    }
}
