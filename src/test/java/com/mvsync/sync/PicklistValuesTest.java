package com.mvsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.mvsync.vtiger.ModuleDescription;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The matching rules: Vtiger's own spelling of a value that names one of the picklist's values, else nothing. */
class PicklistValuesTest {

    static final ModuleDescription.Field CARRIER = new ModuleDescription.Field("carrier", "Carrier", "picklist", false,
            true, List.of(), false, List.of("FedEx", "UPS", "USPS", "DHL", "BlueDart"));
    static final ModuleDescription.Field INDUSTRY = new ModuleDescription.Field("industry", "Industry",
            "multipicklist", false, true, List.of(), false, List.of("Apparel", "Food & Beverage", "Retail"));

    @Test
    void aValueInAnotherCaseOrSpellingIsWrittenAsThePicklistHasIt() {
        assertThat(PicklistValues.stored(CARRIER, "UPS")).contains("UPS");
        assertThat(PicklistValues.stored(CARRIER, "ups")).contains("UPS");
        assertThat(PicklistValues.stored(CARRIER, "Fed Ex")).contains("FedEx");
        assertThat(PicklistValues.stored(CARRIER, "blue-dart")).contains("BlueDart");
    }

    @Test
    void magentosCarrierTitlesAndShippingDescriptionsAreMatchedThroughTheirAliases() {
        assertThat(PicklistValues.stored(CARRIER, "United Parcel Service")).contains("UPS");
        assertThat(PicklistValues.stored(CARRIER, "Federal Express - Priority Overnight")).contains("FedEx");
        assertThat(PicklistValues.stored(CARRIER, "DHL - Express worldwide")).contains("DHL");
    }

    @Test
    void anythingElseIsNoValue() {
        assertThat(PicklistValues.stored(CARRIER, "Flat Rate - Fixed")).isEmpty();
        assertThat(PicklistValues.stored(CARRIER, "custom")).isEmpty();
        assertThat(PicklistValues.stored(CARRIER, "-")).isEmpty();
        assertThat(PicklistValues.stored(CARRIER, "UPS Ground")).isEmpty();
    }

    @Test
    void eachValueOfAMultiSelectIsMatched() {
        assertThat(PicklistValues.stored(INDUSTRY, "retail |##| food & beverage")).contains("Retail |##| Food & Beverage");
        assertThat(PicklistValues.stored(INDUSTRY, "Retail |##| Mining")).isEmpty();
    }
}
