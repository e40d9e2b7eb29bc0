package com.mvsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.vtiger.ModuleDescription;
import com.mvsync.vtiger.VtigerException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Mapping changes checked against describe answers recorded from Vtiger 8.2.0, and without a Vtiger. */
class MappingValidatorTest {

    private final List<MappingRow> configured = new ArrayList<>();
    private final MappingSource rows = type -> configured.stream().filter(r -> r.type() == type).toList();
    private final MappingValidator withVtiger = new MappingValidator(rows, MappingValidatorTest::recorded);
    private final MappingValidator withoutVtiger = new MappingValidator(rows, module -> Optional.empty());

    static Optional<ModuleDescription> recorded(String module) {
        String name = "/vtiger/recorded/04_describe_" + module + ".json";
        try (InputStream in = MappingValidatorTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no recording " + name);
            }
            return Optional.of(ModuleDescription.from(new ObjectMapper().readTree(in)
                    .path("response").path("json").path("result")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProposedRow row(String type, String field, String path, String status) {
        return new ProposedRow(type, field, path, status, "test");
    }

    @Test
    void aValidRowComesBackAsItWillBeStored() {
        MappingRow row = withVtiger.validateSave(row("contacts", "department", " custom_attributes.dept ", null));
        assertThat(row).isEqualTo(new MappingRow(RecordType.CONTACT, "department", "custom_attributes.dept", true,
                "test"));
    }

    @Test
    void labelRowsAreForCustomerAndProductAttributes() {
        assertThat(withVtiger.validateSave(row("Products", "manufacturer", "label(custom_attributes.manufacturer)",
                null)).magentoField()).isEqualTo("label(custom_attributes.manufacturer)");
        assertThat(withVtiger.validateSave(row("Leads", "industry", "label(custom_attributes.industry)", null))
                .magentoField()).isEqualTo("label(custom_attributes.industry)");
        assertThatThrownBy(() -> withVtiger.validateSave(row("SalesOrder", "subject",
                "label(custom_attributes.channel)", null))).isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("a Magento order has none");
        assertThatThrownBy(() -> withVtiger.validateSave(row("Products", "manufacturer", "label(sku)", null)))
                .hasMessageContaining("label(custom_attributes.color)");
    }

    @Test
    void pathErrorsUseTheParsersMessage() {
        assertThatThrownBy(() -> withVtiger.validateSave(row("Contact", "department", "first name", "active")))
                .isInstanceOf(InvalidMappingException.class).hasMessageContaining("is not a valid path");
        assertThatThrownBy(() -> withVtiger.validateSave(row("Contact", "department", "'Web Site", "active")))
                .hasMessageContaining("unclosed quote");
        assertThatThrownBy(() -> withVtiger.validateSave(row("Contact", "department", " ", "active")))
                .hasMessage("the Magento field is empty");
    }

    @Test
    void anUnknownVtigerFieldIsRefusedWhenVtigerIsConnected() {
        assertThatThrownBy(() -> withVtiger.validateSave(row("Contact", "cf_nope", "email", "active")))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageStartingWith("Contacts has no field 'cf_nope' in Vtiger");
        assertThatCode(() -> withoutVtiger.validateSave(row("Contact", "cf_nope", "email", "active")))
                .as("without a connection the field cannot be checked").doesNotThrowAnyException();
    }

    @Test
    void fieldsVtigerSetsCannotBeMapped() {
        assertThatThrownBy(() -> withVtiger.validateSave(row("Contact", "contact_no", "id", "active")))
                .hasMessage("Contacts.contact_no is set by Vtiger and cannot be written");
        assertThatThrownBy(() -> withoutVtiger.validateSave(row("Contact", "id", "id", "active")))
                .hasMessageContaining("id is the Vtiger record id");
    }

    @Test
    void deactivatingAMandatoryFieldIsRefusedNamingIt() {
        for (MappingValidator validator : List.of(withVtiger, withoutVtiger)) {
            assertThatThrownBy(() -> validator.validateSave(row("Contact", "lastname", "lastname", "inactive")))
                    .isInstanceOf(InvalidMappingException.class)
                    .hasMessage("Contacts.lastname is mandatory in Vtiger and would be left unmapped");
        }
    }

    @Test
    void switchingOffTheOnlyRowOfAMandatoryFieldIsRefused() {
        assertThatThrownBy(() -> withVtiger.validateSave(row("Sales Order", "subject", "increment_id", "inactive")))
                .hasMessage("SalesOrder.subject is mandatory in Vtiger and would be left unmapped");
        assertThatThrownBy(() -> withoutVtiger.validateSave(row("Sales Order", "subject", "increment_id", "inactive")))
                .hasMessage("SalesOrder.subject is mandatory in Vtiger and would be left unmapped");
    }

    @Test
    void deletingAnOverrideOfAMandatoryDefaultRestoresTheDefault() {
        configured.add(new MappingRow(RecordType.CONTACT, "lastname", "lastname ?? 'Unknown'", true, "ours"));
        assertThatCode(() -> withVtiger.validateDelete(RecordType.CONTACT, "lastname")).doesNotThrowAnyException();
    }

    @Test
    void anOverrideOfAMandatoryFieldIsAllowed() {
        assertThatCode(() -> withVtiger.validateSave(row("Contact", "lastname", "lastname ?? 'Unknown'", "active")))
                .doesNotThrowAnyException();
    }

    @Test
    void aConstantIsAllowed() {
        assertThat(withVtiger.validateSave(row("Lead", "leadsource", "'Magento Store'", "active")).magentoField())
                .isEqualTo("'Magento Store'");
    }

    @Test
    void fieldsTheSyncFillsAreExemptFromTheMandatoryCheck() {
        assertThatCode(() -> withVtiger.validateSave(row("Contact", "assigned_user_id", "'19x1'", "inactive")))
                .doesNotThrowAnyException();
        assertThatCode(() -> withVtiger.validateSave(row("Sales Order", "account_id", "'11x1'", "inactive")))
                .doesNotThrowAnyException();
        assertThatCode(() -> withVtiger.validateSave(row("Invoice", "productid", "sku", "inactive")))
                .doesNotThrowAnyException();
        assertThat(MandatoryFields.of(RecordType.INVOICE, recorded("Invoice").orElseThrow()))
                .containsExactly("subject");
        assertThat(MandatoryFields.of(RecordType.SALES_ORDER, recorded("SalesOrder").orElseThrow()))
                .containsExactlyInAnyOrderElementsOf(MandatoryFields.recorded(RecordType.SALES_ORDER));
    }

    @Test
    void aMandatoryFieldCanBeRemappedWhileOthersStayAsTheyAre() {
        assertThatCode(() -> withVtiger.validateSave(row("SalesOrder", "subject", "increment_id", "active")))
                .as("other mandatory SalesOrder fields are still unmapped, but this change does not unmap them")
                .doesNotThrowAnyException();
    }

    @Test
    void vtigerNotAnsweringIsReportedNotAccepted() {
        MappingValidator unreachable = new MappingValidator(rows, module -> {
            throw new VtigerException(VtigerException.TIMEOUT, "no answer in 15s", "describe", 0);
        });
        assertThatThrownBy(() -> unreachable.validateSave(row("Contact", "department", "email", "active")))
                .isInstanceOf(MappingCheckUnavailableException.class)
                .hasMessageContaining("Vtiger could not be reached to check Contacts.department (TIMEOUT)");
    }

    @Test
    void theFormIsChecked() {
        assertThatThrownBy(() -> withVtiger.validateSave(row("Customer", "lastname", "lastname", "active")))
                .hasMessageStartingWith("unknown type 'Customer'; use one of Lead, Organization, Contact");
        assertThatThrownBy(() -> withVtiger.validateSave(row(null, "lastname", "lastname", "active")))
                .hasMessageStartingWith("the type is missing");
        assertThatThrownBy(() -> withVtiger.validateSave(row("Contact", "last name", "lastname", "active")))
                .hasMessageContaining("'last name' is not a Vtiger field name");
        assertThatThrownBy(() -> withVtiger.validateSave(row("Contact", null, "lastname", "active")))
                .hasMessage("the Vtiger field is missing");
        assertThatThrownBy(() -> withVtiger.validateSave(row("Contact", "lastname", "lastname", "enabled")))
                .hasMessage("the status must be active or inactive, not 'enabled'");
        assertThatThrownBy(() -> withVtiger.validateSave(new ProposedRow("Contact", "department", "email",
                "active", "x".repeat(501)))).hasMessage("the description is longer than 500 characters");
        assertThatCode(() -> withVtiger.validateSave(new ProposedRow("CONTACT", "department", "email", "Inactive",
                "x".repeat(500)))).doesNotThrowAnyException();
    }

    private static ProposedRow twoWay(String type, String field, String path, String direction, String conflict) {
        return new ProposedRow(type, field, path, "active", "test", null, null, null, direction, conflict);
    }

    @Test
    void aRowWithoutDirectionIsMagentoToVtigerAndTheDirectionAndConflictRuleAreKept() {
        assertThat(withVtiger.validateSave(row("Contact", "department", "custom_attributes.dept", null)).direction())
                .isEqualTo(Direction.TO_VTIGER);
        MappingRow both = withVtiger.validateSave(twoWay("Contact", "phone", "default_billing.telephone", "both",
                "magento-wins"));
        assertThat(both.direction()).isEqualTo(Direction.BOTH);
        assertThat(both.conflict()).isEqualTo(ConflictRule.MAGENTO_WINS);
        assertThat(withVtiger.validateSave(twoWay("Product", "unit_price", "price", "vtiger → magento", null))
                .direction()).isEqualTo(Direction.TO_MAGENTO);
        assertThat(withVtiger.validateSave(twoWay("Sales Order", "sostatus", "status", "vtiger-to-magento", null))
                .direction()).isEqualTo(Direction.TO_MAGENTO);
    }

    @Test
    void aRowThatWritesToMagentoNeedsAWritableMagentoPathAndItsMessageNamesThePath() {
        assertThatThrownBy(() -> withVtiger.validateSave(twoWay("Contact", "birthday", "dob", "both", null)))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageStartingWith("'dob' cannot be written to Magento")
                .hasMessageContaining("default_billing.telephone");
        assertThatThrownBy(() -> withVtiger.validateSave(twoWay("Product", "productname", "name ?? sku",
                "vtiger-to-magento", null))).hasMessageStartingWith("'name ?? sku' cannot be written to Magento");
        assertThatThrownBy(() -> withVtiger.validateSave(twoWay("Lead", "phone", "default_billing.telephone",
                "both", null))).hasMessageContaining("Lead rows cannot flow from Vtiger to Magento");
        // A personal Organization flows back to its customer's company and addresses; the country and region, as
        // for Contacts, do not (Magento checks them against each other and its directory).
        assertThat(withVtiger.validateSave(twoWay("Organization", "bill_city", "default_billing.city", "both",
                null)).direction()).isEqualTo(Direction.BOTH);
        assertThat(withVtiger.validateSave(twoWay("Organization", "accountname", "default_billing.company",
                "both", null)).direction()).isEqualTo(Direction.BOTH);
        assertThatThrownBy(() -> withVtiger.validateSave(twoWay("Organization", "bill_country",
                "default_billing.country_id", "both", null)))
                .hasMessageStartingWith("'default_billing.country_id' cannot be written to Magento")
                .hasMessageContaining("default_billing.company");
        assertThatThrownBy(() -> withVtiger.validateSave(twoWay("Organization", "accountname",
                "default_billing.company ?? firstname", "both", null)))
                .hasMessageStartingWith("'default_billing.company ?? firstname' cannot be written to Magento");
        // An inactive row writes nothing, in either direction.
        assertThatCode(() -> withVtiger.validateSave(new ProposedRow("Contact", "birthday", "dob", "inactive", null,
                null, null, null, "both", null))).doesNotThrowAnyException();
    }

    @Test
    void unknownDirectionsAndConflictRulesAreRefusedWithTheChoices() {
        assertThatThrownBy(() -> withVtiger.validateSave(twoWay("Contact", "phone", "default_billing.telephone",
                "sideways", null))).hasMessage("the direction must be one of magento-to-vtiger, vtiger-to-magento,"
                        + " both, not 'sideways'");
        assertThatThrownBy(() -> withVtiger.validateSave(twoWay("Contact", "phone", "default_billing.telephone",
                "both", "loudest"))).hasMessage("the conflict rule must be one of newest-wins, magento-wins,"
                        + " vtiger-wins, not 'loudest'");
    }

    @Test
    void aMandatoryFieldTurnedVtigerToMagentoOnlyWouldLeaveItUnmappedForTheMagentoToVtigerSync() {
        assertThatThrownBy(() -> withVtiger.validateSave(twoWay("Contact", "lastname", "lastname",
                "vtiger-to-magento", null))).hasMessage("Contacts.lastname is mandatory in Vtiger and would be left"
                        + " unmapped");
        assertThat(withVtiger.validateSave(twoWay("Contact", "lastname", "lastname", "both", null)).direction())
                .isEqualTo(Direction.BOTH);
    }
}
