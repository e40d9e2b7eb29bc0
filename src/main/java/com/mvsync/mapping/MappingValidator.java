package com.mvsync.mapping;

import static com.mvsync.text.Text.abbreviate;

import com.mvsync.vtiger.ModuleDescription;
import com.mvsync.vtiger.VtigerException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks an admin's mapping change before it is saved, with messages meant for that admin.
 * <ul>
 * <li>the type is known, the Vtiger field a plain identifier, the Magento field a valid {@link PathExpression}, the
 * status {@code active} or {@code inactive}, the description at most 500 characters, the write rule one of
 * {@link WriteRule} ({@code when-empty-if-shared} on Organizations only), the direction one of {@link Direction}
 * and the conflict rule one of {@link ConflictRule}; an active row that writes to Magento names one of
 * {@link MagentoWritablePaths};</li>
 * <li>with a Vtiger connection, the field exists in the module's describe and is writable;</li>
 * <li>a change to a mandatory Vtiger field may not leave it without an active row (defaults count). Only the field
 * the change touches is checked, so the mapping of a type without defaults (orders, invoices) can be built up row
 * by row. Mandatory fields come from describe, else from the lists recorded from Vtiger 8.2.0.</li>
 * </ul>
 * When Vtiger is configured but does not answer, the change is refused with
 * {@link MappingCheckUnavailableException} rather than saved unchecked: a wrong field name would otherwise only
 * show up as failed syncs.
 */
@ApplicationScoped
public class MappingValidator {

    static final int MAX_DESCRIPTION = 500;
    private static final int MAX_FIELD = 100;
    private static final int MAX_PATH = 1000;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final MappingSource currentRows;
    private final ModuleDescriptions modules;

    /** Checks against the stored rows as they are now, not a cached copy. */
    @Inject
    public MappingValidator(MappingStore store, ModuleDescriptions modules) {
        this(new MappingSource() {
            @Override
            public List<MappingRow> configuredRows(RecordType type) {
                return store.storedRows(type);
            }

            @Override
            public List<MappingRow> configuredRows(RecordType type, Scope scope) {
                return store.storedRows(type, scope);
            }
        }, modules);
    }

    public MappingValidator(MappingSource currentRows, ModuleDescriptions modules) {
        this.currentRows = currentRows;
        this.modules = modules;
    }

    /** A record type as admins write it: "Contact", "CONTACT", "Contacts", "Sales Order". */
    public static RecordType type(String text) {
        return RecordType.parse(text).orElseThrow(() -> new InvalidMappingException(
                (text == null || text.isBlank() ? "the type is missing" : "unknown type '" + text + "'")
                        + "; use one of " + Arrays.stream(RecordType.values()).map(RecordType::label)
                        .collect(Collectors.joining(", "))));
    }

    /** The Magento path of a row: it parses, and each field it names is one the type's Magento entity has. */
    public static PathExpression path(RecordType type, String path) {
        PathExpression parsed = PathExpression.parse(path);
        MagentoFields.check(type, parsed);
        return parsed;
    }

    /** Checks a row to create or replace, and returns it as it will be stored. */
    public MappingRow validateSave(ProposedRow proposed) {
        return validateSave(proposed, ScopeChain.DEFAULT);
    }

    /**
     * Checks a row to set in the chain's innermost scope (Products are not scoped: refused outside the default), and
     * returns it as it will be stored; mandatory fields are checked against the rows in force in that scope.
     */
    public MappingRow validateSave(ProposedRow proposed, ScopeChain chain) {
        RecordType type = type(proposed.type());
        String field = vtigerField(proposed.vtigerField());
        String path = proposed.magentoField() == null ? null : proposed.magentoField().strip();
        if (path != null && path.length() > MAX_PATH) {
            throw new InvalidMappingException("the Magento field is longer than " + MAX_PATH + " characters");
        }
        PathExpression parsed = PathExpression.parse(path);
        boolean active = active(proposed.status());
        Direction direction = direction(proposed.direction());
        if (active) {
            MagentoFields.check(type, parsed); // an inactive row reads nothing
            if (direction.toMagento()) {
                MagentoWritablePaths.check(type, path); // and writes nothing back
            }
        }
        String description = proposed.description();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new InvalidMappingException("the description is longer than " + MAX_DESCRIPTION + " characters");
        }
        MappingRow row = new MappingRow(type, field, path, active, description, writeRule(type, field, proposed.write()),
                Boolean.TRUE.equals(proposed.freeText()), proposed.htmlToText() == null
                        ? MappingRow.htmlToTextByDefault(field) : proposed.htmlToText(), direction,
                conflict(proposed.conflict()));
        Optional<ModuleDescription> described = describe(type, field);
        described.ifPresent(d -> checkWritable(type, field, d));
        checkScoped(type, chain);
        List<MappingRow> after = new ArrayList<>(inForce(type, chain, field));
        after.add(row);
        checkMandatoryKept(type, field, described, after);
        return row;
    }

    /** Checks that removing the configured row of a field leaves the module's mandatory fields mapped. */
    public void validateDelete(RecordType type, String vtigerField) {
        validateDelete(type, vtigerField, ScopeChain.DEFAULT);
    }

    /** Like {@link #validateDelete(RecordType, String)}, for the row the chain's innermost scope sets. */
    public void validateDelete(RecordType type, String vtigerField, ScopeChain chain) {
        String field = vtigerField(vtigerField);
        checkMandatoryKept(type, field, describe(type, field), inForce(type, chain, field));
    }

    private static void checkScoped(RecordType type, ScopeChain chain) {
        if (!chain.innermost().isDefault() && !Scope.scopes(type)) {
            throw new InvalidMappingException(type.label() + " rows cannot be set per website or store view: Vtiger"
                    + " holds one Product per SKU, which Magento shares between websites; set it in the default scope");
        }
    }

    /** The configured rows in force in the chain's scope, without the innermost scope's row of {@code field}. */
    private List<MappingRow> inForce(RecordType type, ScopeChain chain, String field) {
        List<MappingRow> rows = new ArrayList<>();
        for (Scope scope : chain.scopes()) {
            List<MappingRow> set = currentRows.configuredRows(type, scope);
            rows.addAll(scope.equals(chain.innermost()) ? without(set, field) : set);
        }
        return rows;
    }

    private static String vtigerField(String field) {
        if (field == null || field.isBlank()) {
            throw new InvalidMappingException("the Vtiger field is missing");
        }
        if (field.length() > MAX_FIELD || !IDENTIFIER.matcher(field).matches()) {
            throw new InvalidMappingException("'" + abbreviate(field) + "' is not a Vtiger field name: use the"
                    + " field's name as Vtiger's webservice knows it, such as lastname or cf_853");
        }
        if (field.equals("id")) {
            throw new InvalidMappingException("id is the Vtiger record id and is set by the sync; it cannot be mapped");
        }
        return field;
    }

    private static boolean active(String status) {
        String s = status == null ? "active" : status.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "active" -> true;
            case "inactive" -> false;
            default -> throw new InvalidMappingException("the status must be active or inactive, not '"
                    + abbreviate(status) + "'");
        };
    }

    private static Direction direction(String text) {
        return text == null ? Direction.TO_VTIGER : Direction.parse(text).orElseThrow(() -> new InvalidMappingException(
                "the direction must be one of " + Direction.choices() + ", not '" + abbreviate(text) + "'"));
    }

    private static ConflictRule conflict(String text) {
        return text == null ? ConflictRule.NEWEST_WINS : ConflictRule.parse(text).orElseThrow(() ->
                new InvalidMappingException("the conflict rule must be one of " + ConflictRule.choices() + ", not '"
                        + abbreviate(text) + "'"));
    }

    private static WriteRule writeRule(RecordType type, String field, String write) {
        if (write == null) {
            return WriteRule.defaultFor(type, field);
        }
        WriteRule rule = WriteRule.parse(write).orElseThrow(() -> new InvalidMappingException("the write rule must be"
                + " one of " + WriteRule.choices() + ", not '" + abbreviate(write) + "'"));
        if (rule == WriteRule.WHEN_EMPTY_IF_SHARED && type != RecordType.ORGANIZATION) {
            throw new InvalidMappingException("the write rule " + rule.wire() + " is for Organizations (a company's is"
                    + " shared by its members); use always, when-empty or on-create for " + type.label());
        }
        return rule;
    }

    private Optional<ModuleDescription> describe(RecordType type, String field) {
        try {
            return modules.describe(type.module());
        } catch (VtigerException e) {
            throw new MappingCheckUnavailableException("Vtiger could not be reached to check " + type.module() + "."
                    + field + " (" + e.code() + "); nothing was changed, try again when Vtiger answers", e);
        }
    }

    private static void checkWritable(RecordType type, String field, ModuleDescription module) {
        ModuleDescription.Field described = module.fields().get(field);
        if (described == null) {
            throw new InvalidMappingException(type.module() + " has no field '" + field + "' in Vtiger; use the"
                    + " field name shown by Vtiger's webservice describe (custom fields look like cf_853)");
        }
        if (!described.editable()) {
            throw new InvalidMappingException(type.module() + "." + field + " is set by Vtiger and cannot be written");
        }
    }

    private static void checkMandatoryKept(RecordType type, String field, Optional<ModuleDescription> described,
            List<MappingRow> configuredAfter) {
        List<String> mandatory = described.map(d -> MandatoryFields.of(type, d))
                .orElseGet(() -> MandatoryFields.recorded(type));
        if (!mandatory.contains(field)) {
            return;
        }
        boolean mapped = FieldMapper.effective(DefaultMappings.rowsFor(type), configuredAfter).stream()
                .anyMatch(r -> r.vtigerField().equals(field));
        if (!mapped) {
            throw new InvalidMappingException(type.module() + "." + field
                    + " is mandatory in Vtiger and would be left unmapped");
        }
    }

    private static List<MappingRow> without(List<MappingRow> rows, String field) {
        return rows.stream().filter(r -> !r.vtigerField().equals(field)).toList();
    }
}
