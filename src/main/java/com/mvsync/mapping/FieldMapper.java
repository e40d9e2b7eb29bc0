package com.mvsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.text.HtmlText;
import com.mvsync.vtiger.ModuleDescription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Turns a Magento entity into the fields of one Vtiger record, by the effective mapping rows of its type: the
 * defaults, overridden per Vtiger field by configured rows, without inactive rows. A row marked html → text turns
 * Magento's HTML into plain text here; its write rule and picklist flag are applied when the record is written. A
 * {@code label(custom_attributes.code)} term writes the option's label, asked of Magento once per attribute
 * ({@link OptionLabels}); what it cannot name is left out with a note, never written as an id.
 */
@ApplicationScoped
public class FieldMapper {

    private static final Logger LOG = Logger.getLogger(FieldMapper.class);

    /** How Vtiger's webservice joins the values of a multi-select picklist. */
    static final String MULTIPICKLIST_SEPARATOR = " |##| ";

    private final MappingSource source;
    private final OptionLabels options;
    private final ModuleDescriptions descriptions;
    private final EntityScopes scopes;
    private final Map<String, PathExpression> parsed = new ConcurrentHashMap<>();

    /** A mapper without a Magento connection: {@code label(…)} terms are left out with a note. */
    public FieldMapper(MappingSource source) {
        this(source, OptionLabels.NONE, module -> java.util.Optional.empty());
    }

    /** A mapper that knows only the default scope. */
    public FieldMapper(MappingSource source, OptionLabels options, ModuleDescriptions descriptions) {
        this(source, options, descriptions, EntityScopes.NONE);
    }

    @Inject
    public FieldMapper(MappingSource source, OptionLabels options, ModuleDescriptions descriptions,
            EntityScopes scopes) {
        this.source = source;
        this.options = options;
        this.descriptions = descriptions;
        this.scopes = scopes;
    }

    /**
     * The fields of one record: {@code all} (for a create) and {@code determined} (what the payload fully speaks
     * for, see {@link PathExpression#isDeterminedBy}: what an update may change), each Vtiger field to value in row order, and a note for every value a
     * {@code label(…)} term could not name.
     */
    public record Mapped(Map<String, String> all, Map<String, String> determined, List<String> notes) {
    }

    public Mapped mapped(RecordType type, JsonNode entity) {
        Map<String, String> all = new LinkedHashMap<>();
        Map<String, String> determined = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        ScopeChain chain = Scope.scopes(type) ? chain(entity) : ScopeChain.DEFAULT;
        if (chain.problem() != null) {
            notes.add(type.module() + " mapped with the rows of scope " + chain.innermost() + " only: "
                    + chain.problem());
        }
        for (MappingRow row : effectiveRows(type, chain)) {
            PathExpression expression = expression(row);
            String value = converted(row, expression.evaluate(entity, AddressResolver.REST, labeler(row, notes)));
            if (value != null) {
                all.put(row.vtigerField(), value);
                if (expression.isDeterminedBy(entity, AddressResolver.REST)) {
                    determined.put(row.vtigerField(), value);
                }
            }
        }
        return new Mapped(all, determined, List.copyOf(notes));
    }

    /**
     * What the row's Magento path reads from an entity (the parsed path cached as the mapping's is), as it is: what a
     * write back compares with Vtiger's value.
     */
    public String read(MappingRow row, JsonNode entity) {
        return expression(row).evaluate(entity, AddressResolver.REST);
    }

    /** Vtiger field to value, in row order; fields whose path yields nothing are left out. */
    public Map<String, String> map(RecordType type, JsonNode entity) {
        Mapped mapped = mapped(type, entity);
        mapped.notes().forEach(note -> LOG.warnf("%s: %s", type.module(), note));
        return mapped.all();
    }

    /**
     * The labels of a {@code label(…)} term of this row: each option id of the stored value named in the store
     * view's labels; ids Magento no longer has dropped with a note (the field is left out when none is left).
     */
    private PathExpression.Labeler labeler(MappingRow row, List<String> notes) {
        return (code, stored) -> {
            String field = row.type().module() + "." + row.vtigerField();
            AttributeOptions attribute = options.attribute(row.type(), code);
            if (attribute.problem() != null) {
                notes.add(field + " left out: the labels of attribute " + code + " are unknown: "
                        + attribute.problem());
                return null;
            }
            if (!attribute.hasOptions()) {
                return stored;
            }
            List<String> labels = new ArrayList<>();
            List<String> gone = new ArrayList<>();
            for (String id : attribute.ids(stored)) {
                attribute.label(id).ifPresentOrElse(labels::add, () -> gone.add(id));
            }
            if (!gone.isEmpty()) {
                notes.add(field + ": Magento's attribute " + code + " has no option " + String.join(", ", gone)
                        + " any more; " + (labels.isEmpty() ? "left out" : "written without it"));
            }
            if (labels.isEmpty()) {
                return null;
            }
            return String.join(labels.size() > 1 && multipicklist(row) ? MULTIPICKLIST_SEPARATOR : ", ", labels);
        };
    }

    /** Whether the row's Vtiger field is a multi-select picklist (asked only for several labels; describe is cached). */
    private boolean multipicklist(MappingRow row) {
        return descriptions.describe(row.type().module()).map(d -> d.fields().get(row.vtigerField()))
                .map(ModuleDescription.Field::type).filter("multipicklist"::equals).isPresent();
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
     * The fields of the type's active rows that this entity cannot fill because it lacks what they read, in row
     * order: what completing a partial payload from Magento would add. Constant rows are never missing.
     */
    public List<MissingField> missingFields(RecordType type, JsonNode entity) {
        List<MissingField> missing = new ArrayList<>();
        for (MappingRow row : effectiveRows(type, entity)) {
            List<String> paths = expression(row).missingPaths(entity, AddressResolver.REST);
            if (!paths.isEmpty()) {
                missing.add(new MissingField(row.vtigerField(), paths));
            }
        }
        return missing;
    }

    /** The rows of the default scope (what applies to an entity of no website). */
    public List<MappingRow> effectiveRows(RecordType type) {
        return effective(DefaultMappings.rowsFor(type), source.configuredRows(type));
    }

    /** The rows that map this entity: the default scope's, overridden by its website's, then its store view's. */
    public List<MappingRow> effectiveRows(RecordType type, JsonNode entity) {
        return Scope.scopes(type) ? effectiveRows(type, chain(entity)) : effectiveRows(type);
    }

    /** The rows in force in one scope, each as its nearest scope (itself, its website, the default) sets it. */
    public List<MappingRow> effectiveRows(RecordType type, ScopeChain chain) {
        if (chain.scopes().size() == 1) {
            return effectiveRows(type);
        }
        List<MappingRow> configured = new ArrayList<>();
        chain.scopes().forEach(scope -> configured.addAll(source.configuredRows(type, scope)));
        return effective(DefaultMappings.rowsFor(type), configured);
    }

    /**
     * The entity's scopes; asked (of Magento's store list, cached) only when some website or store view overrides a
     * row, so a store configured in the default scope alone maps exactly as before scopes existed.
     */
    private ScopeChain chain(JsonNode entity) {
        return source.hasScopedRows() ? scopes.of(entity) : ScopeChain.DEFAULT;
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
