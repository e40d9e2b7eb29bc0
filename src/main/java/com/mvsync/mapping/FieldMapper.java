package com.mvsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.text.HtmlText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Turns a Magento entity into the fields of one Vtiger record, by the effective mapping rows of its type: the
 * defaults, overridden per Vtiger field by configured rows, without inactive rows. A row marked html → text turns
 * Magento's HTML into plain text here; its write rule and picklist flag are applied when the record is written.
 */
@ApplicationScoped
public class FieldMapper {

    private static final Logger LOG = Logger.getLogger(FieldMapper.class);

    private final MappingSource source;
    private final Map<String, PathExpression> parsed = new ConcurrentHashMap<>();

    public FieldMapper(MappingSource source) {
        this.source = source;
    }

    /** Vtiger field to value, in row order; fields whose path yields nothing are left out. */
    public Map<String, String> map(RecordType type, JsonNode entity) {
        Map<String, String> element = new LinkedHashMap<>();
        for (MappingRow row : effectiveRows(type)) {
            String value = converted(row, expression(row).evaluate(entity, AddressResolver.REST));
            if (value != null) {
                element.put(row.vtigerField(), value);
            }
        }
        return element;
    }

    /** The value as the row writes it: HTML made plain text when the row says html → text. */
    private static String converted(MappingRow row, String value) {
        return row.htmlToText() && value != null ? HtmlText.toText(value) : value;
    }

    /**
     * The parsed path of a row. The admin API refuses paths that do not parse, so only a row written past it (by
     * hand in DynamoDB) can fail here; it maps nothing rather than failing every sync of its type.
     */
    private PathExpression expression(MappingRow row) {
        return parsed.computeIfAbsent(row.magentoField(), source -> {
            try {
                return PathExpression.parse(source);
            } catch (InvalidMappingException e) {
                LOG.warnf("mapping %s.%s ignored: %s", row.type().module(), row.vtigerField(), e.getMessage());
                return PathExpression.parse("''");
            }
        });
    }

    /**
     * The fields this entity's payload fully determines (see {@link PathExpression#isDeterminedBy}): what an update
     * may change. A create uses {@link #map}, where fallbacks fill in what the payload lacks.
     */
    public Map<String, String> mapDetermined(RecordType type, JsonNode entity) {
        Map<String, String> element = new LinkedHashMap<>();
        for (MappingRow row : effectiveRows(type)) {
            PathExpression expression = expression(row);
            if (expression.isDeterminedBy(entity, AddressResolver.REST)) {
                String value = converted(row, expression.evaluate(entity, AddressResolver.REST));
                if (value != null) {
                    element.put(row.vtigerField(), value);
                }
            }
        }
        return element;
    }

    /**
     * The fields of the type's active rows that this entity cannot fill because it lacks what they read, in row
     * order: what completing a partial payload from Magento would add. Constant rows are never missing.
     */
    public List<MissingField> missingFields(RecordType type, JsonNode entity) {
        List<MissingField> missing = new ArrayList<>();
        for (MappingRow row : effectiveRows(type)) {
            List<String> paths = expression(row).missingPaths(entity, AddressResolver.REST);
            if (!paths.isEmpty()) {
                missing.add(new MissingField(row.vtigerField(), paths));
            }
        }
        return missing;
    }

    public List<MappingRow> effectiveRows(RecordType type) {
        return effective(DefaultMappings.rowsFor(type), source.configuredRows(type));
    }

    /**
     * The rows a change in Vtiger is written back to Magento by (active, direction Vtiger → Magento or both), with the
     * same override of defaults by configured rows. The defaults are all Magento → Vtiger, so nothing flows back until
     * an admin turns a row's direction.
     */
    public List<MappingRow> rowsToMagento(RecordType type) {
        return merged(DefaultMappings.rowsFor(type), source.configuredRows(type)).stream()
                .filter(MappingRow::writesMagento).toList();
    }

    /**
     * Defaults first, each replaced by a configured row for the same Vtiger field; inactive rows and rows that only
     * flow from Vtiger to Magento drop out (the Magento → Vtiger sync does not write them).
     */
    static List<MappingRow> effective(List<MappingRow> defaults, List<MappingRow> configured) {
        return merged(defaults, configured).stream().filter(MappingRow::writesVtiger).toList();
    }

    private static List<MappingRow> merged(List<MappingRow> defaults, List<MappingRow> configured) {
        Map<String, MappingRow> byField = new LinkedHashMap<>();
        defaults.forEach(row -> byField.put(row.vtigerField(), row));
        configured.forEach(row -> byField.put(row.vtigerField(), row));
        return List.copyOf(byField.values());
    }
}
