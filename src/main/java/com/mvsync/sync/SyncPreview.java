package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.RecordType;
import com.mvsync.settings.RecordPolicy;
import com.mvsync.settings.RecordPolicySource;
import com.mvsync.vtiger.Alteration;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a sync of one Magento entity would write to Vtiger, record by record and field by field, built by the sync
 * classes' own field building (mapping rows, fallbacks, derived statuses) without any Vtiger call, and made storable as
 * the writer makes them (cut to the column, 4-byte characters replaced), with the same notes. Ids of records the sync
 * would find or create first (the buyer's Organization, a line's Product) are shown as placeholders.
 */
@ApplicationScoped
public class SyncPreview {

    /** One Vtiger record the sync would write: its module and fields ({@code lines} for inventory line items). */
    public record PreviewRecord(String module, String type, Map<String, String> fields,
            List<Map<String, String>> lines, List<String> notes) {
    }

    static final String LINKED = "(linked by the sync)";

    private final RulesByType rules;
    private final StorableFields storable;
    private final RecordPolicySource policies;

    public SyncPreview(RulesByType rules, StorableFields storable, RecordPolicySource policies) {
        this.rules = rules;
        this.storable = storable;
        this.policies = policies;
    }

    public List<PreviewRecord> preview(EntityType type, JsonNode entity) {
        return rules.of(type).draft(entity).stream().map(this::record).toList();
    }

    private PreviewRecord record(EntityRules.Draft draft) {
        RecordType type = draft.type();
        RecordPolicy policy = policies.recordPolicy();
        StorableFields.Fitted header = storable.fit(type.module(), draft.fields(), policy);
        List<Alteration> alterations = new ArrayList<>(header.alterations());
        List<Map<String, String>> fittedLines = new ArrayList<>();
        for (Map<String, String> line : draft.lines()) {
            StorableFields.Fitted fitted = storable.fit(Modules.LINE_ITEM, line, policy);
            fittedLines.add(fitted.values());
            alterations.addAll(fitted.alterations());
        }
        List<String> notes = new ArrayList<>(draft.notes());
        alterations.stream().map(Alteration::note).distinct().forEach(notes::add);
        return new PreviewRecord(type.module(), type.label(), header.values(), fittedLines, notes);
    }
}
