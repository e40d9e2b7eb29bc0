package com.mvsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FieldMapperTest {

    static JsonNode customer;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = FieldMapperTest.class.getResourceAsStream("/magento/rest/customer_get_42.json")) {
            customer = new ObjectMapper().readTree(in);
        }
    }

    private static FieldMapper mapperWith(MappingRow... rows) {
        List<MappingRow> configured = new ArrayList<>(List.of(rows));
        return new FieldMapper(type -> configured.stream().filter(r -> r.type() == type).toList());
    }

    @Test
    void defaultsMapACustomerToAContact() {
        Map<String, String> contact = mapperWith().map(RecordType.CONTACT, customer);
        assertThat(contact).containsEntry("firstname", "Maria").containsEntry("lastname", "Keller")
                .containsEntry("email", "maria.keller@example.com").containsEntry("phone", "415-555-0134")
                .containsEntry("birthday", "1988-03-21").containsEntry("mailingcity", "San Francisco")
                .containsEntry("mailingstate", "California").containsEntry("mailingzip", "94105")
                .containsEntry("othercity", "Chicago").containsEntry("leadsource", "Web Site");
    }

    @Test
    void organizationIsNamedAfterTheBillingCompany() {
        assertThat(mapperWith().map(RecordType.ORGANIZATION, customer))
                .containsEntry("accountname", "Keller Design LLC")
                .containsEntry("bill_street", "500 Market St, Suite 200")
                .containsEntry("ship_street", "1200 N Lake Shore Dr, Apt 14B");
    }

    @Test
    void aConfiguredRowOverridesTheDefaultForItsField() {
        FieldMapper mapper = mapperWith(MappingRow.of(RecordType.CONTACT, "leadsource", "'Magento Store'", "ours"));
        assertThat(mapper.map(RecordType.CONTACT, customer)).containsEntry("leadsource", "Magento Store");
        assertThat(mapper.effectiveRows(RecordType.CONTACT)).filteredOn(r -> r.vtigerField().equals("leadsource"))
                .hasSize(1);
    }

    @Test
    void aConfiguredRowAddsAField() {
        FieldMapper mapper = mapperWith(
                MappingRow.of(RecordType.CONTACT, "cf_loyalty", "custom_attributes.loyalty_tier", "loyalty"));
        assertThat(mapper.map(RecordType.CONTACT, customer)).containsEntry("cf_loyalty", "gold");
    }

    @Test
    void anInactiveRowSwitchesTheDefaultOff() {
        FieldMapper mapper = mapperWith(new MappingRow(RecordType.CONTACT, "birthday", "dob", false, "not wanted"));
        assertThat(mapper.map(RecordType.CONTACT, customer)).doesNotContainKey("birthday")
                .containsKey("lastname");
    }

    @Test
    void rowsOfOtherTypesDoNotLeakIn() {
        FieldMapper mapper = mapperWith(MappingRow.of(RecordType.LEAD, "leadsource", "'Lead only'", ""));
        assertThat(mapper.map(RecordType.CONTACT, customer)).containsEntry("leadsource", "Web Site");
        assertThat(mapper.map(RecordType.LEAD, customer)).containsEntry("leadsource", "Lead only");
    }

    private static JsonNode partialCustomer() {
        // What Adobe Commerce Webhooks send: the default billing address by id, no addresses.
        try {
            return new ObjectMapper().readTree("{\"id\": 42, \"email\": \"m@example.com\", \"firstname\": \"Maria\","
                    + " \"lastname\": \"Keller\", \"dob\": \"1988-03-21\", \"default_billing\": \"301\"}");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void missingFieldsAreTheActiveRowsWhosePathsTheEntityLacksInRowOrder() {
        List<MissingField> lead = mapperWith().missingFields(RecordType.LEAD, partialCustomer());

        assertThat(lead).extracting(MissingField::vtigerField)
                .containsExactly("phone", "company", "lane", "city", "state", "code", "country");
        assertThat(lead).filteredOn(f -> f.vtigerField().equals("state")).singleElement()
                .satisfies(f -> assertThat(f.paths())
                        .containsExactly("default_billing.region.region", "default_billing.region"));
        assertThat(mapperWith().missingFields(RecordType.ORGANIZATION, partialCustomer()))
                .extracting(MissingField::vtigerField).as("accountname falls back to the name")
                .doesNotContain("accountname", "email1").contains("bill_city", "ship_city");
    }

    @Test
    void aCompleteEntityMissesNothing() {
        for (RecordType type : List.of(RecordType.LEAD, RecordType.ORGANIZATION, RecordType.CONTACT)) {
            assertThat(mapperWith().missingFields(type, customer)).as(type.label()).isEmpty();
        }
    }

    @Test
    void missingFieldsFollowTheConfiguredRows() {
        FieldMapper mapper = mapperWith(new MappingRow(RecordType.LEAD, "city", "default_billing.city", false, "off"),
                MappingRow.of(RecordType.LEAD, "lane", "'-'", "constant"),
                MappingRow.of(RecordType.LEAD, "designation", "custom_attributes.job_title", "added"));

        assertThat(mapper.missingFields(RecordType.LEAD, partialCustomer())).extracting(MissingField::vtigerField)
                .doesNotContain("city", "lane").contains("country", "designation");
        assertThat(mapper.missingFields(RecordType.LEAD, customer)).extracting(MissingField::vtigerField)
                .as("the customer has custom_attributes").isEmpty();
    }

    @Test
    void theMagentoToVtigerSyncIgnoresVtigerToMagentoOnlyRowsAndNothingFlowsBackByDefault() {
        FieldMapper defaults = mapperWith();
        assertThat(defaults.rowsToMagento(RecordType.CONTACT)).isEmpty();

        FieldMapper twoWay = mapperWith(
                new MappingRow(RecordType.CONTACT, "phone", "default_billing.telephone", true, null, WriteRule.ALWAYS,
                        false, false, Direction.TO_MAGENTO, ConflictRule.NEWEST_WINS),
                new MappingRow(RecordType.CONTACT, "firstname", "firstname", true, null, WriteRule.ALWAYS, false,
                        false, Direction.BOTH, ConflictRule.NEWEST_WINS));
        assertThat(twoWay.map(RecordType.CONTACT, customer)).doesNotContainKey("phone")
                .containsEntry("firstname", "Maria");
        assertThat(twoWay.mapped(RecordType.CONTACT, customer).determined()).doesNotContainKey("phone");
        assertThat(twoWay.rowsToMagento(RecordType.CONTACT)).extracting(MappingRow::vtigerField)
                .containsExactly("firstname", "phone");
    }
}
