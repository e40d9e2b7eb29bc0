package com.mvsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.vtiger.ModuleDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code label(custom_attributes.code)}: the option labels Magento's attribute metadata gives, in place of the ids a
 * REST body carries (a select "49", a multiselect "49,52", a boolean "1").
 */
class OptionLabelMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final AttributeOptions COLOR = AttributeOptions.of("color", "select",
            Map.of("49", "Navy", "50", "Red"));
    private static final AttributeOptions MATERIAL = AttributeOptions.of("material", "multiselect",
            Map.of("31", "Cotton", "33", "Polyester", "35", "Nylon"));
    private static final AttributeOptions NEWSLETTER = AttributeOptions.of("b2b_verified", "boolean", Map.of());
    private static final AttributeOptions TEXT = AttributeOptions.of("job_title", "text", Map.of());

    private final List<String> asked = new ArrayList<>();

    private OptionLabels magento() {
        return (type, code) -> {
            asked.add(type.module() + ":" + code);
            return switch (code) {
                case "color" -> COLOR;
                case "material" -> MATERIAL;
                case "b2b_verified" -> NEWSLETTER;
                case "job_title" -> TEXT;
                default -> AttributeOptions.unavailable(code, "Magento has no product attribute " + code);
            };
        };
    }

    private static ObjectNode product(String... codeValues) {
        ObjectNode p = JSON.createObjectNode().put("sku", "MB-1").put("name", "Bag");
        var attributes = p.putArray("custom_attributes");
        for (int i = 0; i < codeValues.length; i += 2) {
            attributes.addObject().put("attribute_code", codeValues[i]).put("value", codeValues[i + 1]);
        }
        return p;
    }

    private static ModuleDescriptions productsWith(String field, String type) {
        ObjectNode describe = JSON.createObjectNode().put("name", "Products").put("idPrefix", "14");
        describe.putArray("fields").addObject().put("name", field).put("label", field)
                .putObject("type").put("name", type);
        return module -> Optional.of(ModuleDescription.from(describe));
    }

    private FieldMapper mapper(ModuleDescriptions descriptions, MappingRow... rows) {
        List<MappingRow> configured = List.of(rows);
        return new FieldMapper(type -> configured.stream().filter(r -> r.type() == type).toList(), magento(),
                descriptions);
    }

    private FieldMapper mapper(MappingRow... rows) {
        return mapper(module -> Optional.empty(), rows);
    }

    private static MappingRow row(String vtigerField, String magentoField) {
        return MappingRow.of(RecordType.PRODUCT, vtigerField, magentoField, "");
    }

    @Test
    void aSelectWritesItsOptionsLabelNotItsId() {
        FieldMapper.Mapped mapped = mapper(row("cf_color", "label(custom_attributes.color)"))
                .mapped(RecordType.PRODUCT, product("color", "49"));

        assertThat(mapped.all()).containsEntry("cf_color", "Navy");
        assertThat(mapped.determined()).containsEntry("cf_color", "Navy");
        assertThat(mapped.notes()).isEmpty();
        assertThat(asked).containsExactly("Products:color");
    }

    @Test
    void withoutLabelTheIdIsWrittenAsToday() {
        assertThat(mapper(row("cf_color", "custom_attributes.color")).map(RecordType.PRODUCT,
                product("color", "49"))).containsEntry("cf_color", "49");
        assertThat(asked).isEmpty();
    }

    @Test
    void aMultiselectsLabelsAreJoinedWithCommasForATextField() {
        assertThat(mapper(productsWith("cf_material", "string"), row("cf_material",
                "label(custom_attributes.material)")).map(RecordType.PRODUCT, product("material", "31,35")))
                .containsEntry("cf_material", "Cotton, Nylon");
    }

    @Test
    void aMultiselectsLabelsUseVtigersSeparatorForAMultiSelectPicklist() {
        assertThat(mapper(productsWith("cf_material", "multipicklist"), row("cf_material",
                "label(custom_attributes.material)")).map(RecordType.PRODUCT, product("material", "31,33,35")))
                .containsEntry("cf_material", "Cotton |##| Polyester |##| Nylon");
    }

    @Test
    void aBooleanWithoutOptionsIsYesOrNo() {
        MappingRow verified = row("cf_verified", "label(custom_attributes.b2b_verified)");
        assertThat(mapper(verified).map(RecordType.PRODUCT, product("b2b_verified", "1")))
                .containsEntry("cf_verified", "Yes");
        assertThat(mapper(verified).map(RecordType.PRODUCT, product("b2b_verified", "0")))
                .containsEntry("cf_verified", "No");
    }

    @Test
    void aTextAttributeIsItsOwnLabel() {
        assertThat(mapper(row("cf_title", "label(custom_attributes.job_title)")).map(RecordType.PRODUCT,
                product("job_title", "Buyer"))).containsEntry("cf_title", "Buyer");
    }

    @Test
    void anOptionMagentoNoLongerHasIsNotedAndNotWrittenAsAnId() {
        FieldMapper.Mapped mapped = mapper(row("cf_color", "label(custom_attributes.color)"))
                .mapped(RecordType.PRODUCT, product("color", "77"));

        assertThat(mapped.all()).doesNotContainKey("cf_color");
        assertThat(mapped.determined()).as("an update leaves Vtiger's value as it is").doesNotContainKey("cf_color");
        assertThat(mapped.notes()).singleElement().asString().contains("Products.cf_color", "color", "77",
                "left out");
    }

    @Test
    void aMultiselectWithOneGoneOptionKeepsTheOthersAndNotesIt() {
        FieldMapper.Mapped mapped = mapper(row("cf_material", "label(custom_attributes.material)"))
                .mapped(RecordType.PRODUCT, product("material", "31,99"));

        assertThat(mapped.all()).containsEntry("cf_material", "Cotton");
        assertThat(mapped.notes()).singleElement().asString().contains("99", "written without it");
    }

    @Test
    void anAttributeWhoseLabelsAreUnknownIsNotedWithTheReason() {
        FieldMapper.Mapped mapped = mapper(row("cf_size", "label(custom_attributes.size)"))
                .mapped(RecordType.PRODUCT, product("size", "12"));

        assertThat(mapped.all()).doesNotContainKey("cf_size");
        assertThat(mapped.notes()).singleElement().asString().contains("Products.cf_size left out",
                "Magento has no product attribute size");
    }

    @Test
    void aFallbackAfterAnUnnamedLabelIsUsed() {
        assertThat(mapper(row("cf_color", "label(custom_attributes.color) ?? 'unknown'")).map(RecordType.PRODUCT,
                product("color", "77"))).containsEntry("cf_color", "unknown");
    }

    @Test
    void withoutAMagentoConnectionALabelIsLeftOutWithANote() {
        FieldMapper mapper = new FieldMapper(type -> List.of(row("cf_color", "label(custom_attributes.color)")));
        FieldMapper.Mapped mapped = mapper.mapped(RecordType.PRODUCT, product("color", "49"));
        assertThat(mapped.all()).doesNotContainKey("cf_color");
        assertThat(mapped.notes()).singleElement().asString().contains("no Magento connection");
    }

    @Test
    void labelNamesOnlyACustomAttribute() {
        assertThat(PathExpression.parse("label(custom_attributes.color)").paths())
                .containsExactly("custom_attributes.color");
        assertThat(PathExpression.parse("label( custom_attributes.color ) + ' / ' + sku").paths())
                .containsExactly("custom_attributes.color", "sku");
        for (String bad : List.of("label(email)", "label(custom_attributes)", "label(custom_attributes.a.b)",
                "label(custom_attributes.a[0])", "label()")) {
            assertThatThrownBy(() -> PathExpression.parse(bad)).as(bad).isInstanceOf(InvalidMappingException.class)
                    .hasMessageContaining("label(custom_attributes.color)");
        }
    }

    @Test
    void anExpressionReadWithoutLabelsLeavesTheLabelTermEmpty() {
        assertThat(PathExpression.parse("label(custom_attributes.color) ?? sku").evaluate(product("color", "49"),
                AddressResolver.REST)).isEqualTo("MB-1");
    }
}
