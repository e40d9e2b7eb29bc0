package com.mvsync.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.RecordType;
import com.mvsync.store.EntityLink;
import com.mvsync.store.Written;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The write back of field values (a customer's, a product's), by the rules {@link CustomerWriteBack} describes: the
 * rows whose Vtiger value differs from the link's baseline are the change; the entity is read once; a value Magento
 * holds already is agreed, not written; a conflict is decided by the row's rule; what is left is set, saved in one
 * write, and the values Magento stored become the baseline. Only where the values go and how they are saved differ
 * per entity ({@link Target}).
 */
final class FieldWriteBack {

    /** One Magento entity, as read, being changed. */
    interface Target {

        /** What the log's changes call it ("Magento customer"). */
        String label();

        /** Sets the row's path to the value in what will be saved; a note when it cannot be. */
        Optional<String> set(MappingRow row, String value);

        /** Saves what was set; the entity as Magento answers it. */
        ObjectNode save();
    }

    private FieldWriteBack() {
    }

    /** The rows flowing back whose Vtiger value differs from the link's baseline: the change to write, if any. */
    static List<MappingRow> changed(FieldMapper mapper, RecordType record, VtigerChange change, EntityLink link) {
        String module = record.module();
        Map<String, String> baseline = link.lastWrittenTo(module);
        return mapper.rowsToMagento(record).stream()
                .filter(r -> change.fields().containsKey(r.vtigerField())
                        && !AgreedValues.same(change.fields().get(r.vtigerField()), baseline.get(r.vtigerField())))
                // A version whose value lost to Magento's already (the Magento side decided it after the poll read it)
                .filter(r -> !LostValues.decidedAlready(link, module, r.vtigerField(), change.modifiedtime()))
                .toList();
    }

    static WriteBackResult apply(FieldMapper mapper, RecordType record, VtigerChange change, EntityLink link,
            Supplier<ObjectNode> read, Function<ObjectNode, Target> changing) {
        String module = record.module();
        Map<String, String> baseline = link.lastWrittenTo(module);
        List<MappingRow> changed = changed(mapper, record, change, link);
        if (changed.isEmpty()) {
            return WriteBackResult.unchanged(link);
        }
        ObjectNode entity = read.get();
        Target target = changing.apply(entity);
        String magentoChangedAt = entity.path("updated_at").asText("");
        Map<String, String> agreed = new LinkedHashMap<>(baseline);
        Map<MappingRow, String> toWrite = new LinkedHashMap<>();
        List<Written.Change> changes = new ArrayList<>();
        List<FieldConflict> conflicts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        EntityLink lost = link;
        for (MappingRow row : changed) {
            String vtigerValue = AgreedValues.normal(change.fields().get(row.vtigerField()));
            String magentoValue = AgreedValues.normal(mapper.read(row, entity));
            String last = baseline.get(row.vtigerField());
            if (AgreedValues.same(vtigerValue, magentoValue)) {
                // Magento holds it already (a replay, or both agree): the baseline in Magento's form, which is what
                // the Magento → Vtiger sync maps from the entity.
                agreed.put(row.vtigerField(), magentoValue);
                continue;
            }
            if (AgreedValues.conflicts(row, last, magentoValue)) {
                // Both to the second; Magento's in UTC, Vtiger's in its server's zone (see README).
                boolean vtigerWins = AgreedValues.vtigerWins(row, change.modifiedtime(), magentoChangedAt);
                conflicts.add(new FieldConflict(row.vtigerField(), row.magentoField(), last, magentoValue,
                        magentoChangedAt, vtigerValue, change.modifiedtime(), row.conflict(), vtigerWins));
                if (!vtigerWins) {
                    // Kept as lost: the Magento → Vtiger sync of Magento's change writes it with no second conflict.
                    lost = LostValues.record(lost, module, row.vtigerField(), vtigerValue, change.modifiedtime());
                    continue;
                }
            }
            Optional<String> refused = target.set(row, vtigerValue);
            if (refused.isPresent()) {
                notes.add(refused.get());
                continue;
            }
            toWrite.put(row, vtigerValue);
            changes.add(new Written.Change(target.label(), row.magentoField(), magentoValue, vtigerValue, false));
        }
        int writes = 0;
        link = lost;
        if (!toWrite.isEmpty()) {
            ObjectNode saved = target.save();
            writes = 1;
            toWrite.forEach((row, written) -> {
                String stored = AgreedValues.normal(mapper.read(row, saved));
                boolean same = AgreedValues.same(stored, written);
                if (!same) {
                    // Kept as the baseline anyway: the Magento → Vtiger sync then writes Magento's form to Vtiger
                    // once, and the two sides agree from there on.
                    notes.add("Magento stored " + row.magentoField() + " as '" + stored + "', not '" + written + "'");
                }
                // Magento's form of an equal value ("79.9" for Vtiger's "79.90000000"): what the Magento → Vtiger
                // sync maps from the saved entity, so it finds no change.
                agreed.put(row.vtigerField(), same ? stored : written);
            });
            link = link.withSourceVersion(saved.path("updated_at").asText(null));
        }
        conflicts.forEach(c -> notes.add(c.note()));
        String vtigerId = link.idOf(module) != null ? link.idOf(module) : change.vtigerId();
        return new WriteBackResult(link.with(module, vtigerId, agreed), writes, changes, conflicts, notes);
    }
}
