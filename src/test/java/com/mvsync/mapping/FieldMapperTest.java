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
}
