package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.mapping.Direction;
import com.mvsync.mapping.MappingRow;
import com.mvsync.store.EntityLink;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Conflicts seen from the Magento side: a Magento change of a {@code both} row's field, synced to a linked record
 * whose Vtiger value differs from the link's (the last agreed) value and from Magento's, was changed on both sides.
 * The row's rule decides, as a write back decides it ({@link AgreedValues#vtigerWins}: Magento's {@code updated_at}
 * against the record's {@code modifiedtime}). Magento's value is written to Vtiger as usual and Vtiger's is kept in
 * the link as lost ({@link LostValues}); a field Vtiger wins is not written to Vtiger: its value is written to Magento
 * by the module's write back, and becomes the agreed value. Either way both values go to the sync log.
 */
@ApplicationScoped
public class MagentoSideConflicts {

    private final WriteBacks writeBacks;

    public MagentoSideConflicts(WriteBacks writeBacks) {
        this.writeBacks = writeBacks;
    }

    /**
     * The decision on the fields a revise would change.
     *
     * @param link       the link with the Vtiger values that lost recorded
     * @param vtigerWon  the fields Vtiger won, with Vtiger's value: not to be written to Vtiger
     * @param modifiedtime the Vtiger record's {@code modifiedtime} as read ("" when it was not read)
     */
    record Decided(EntityLink link, Map<String, String> vtigerWon, List<FieldConflict> conflicts,
            String modifiedtime, String modifiedby) {
    }

    /** Whether any of the changing fields can conflict: only then is the Vtiger record read. */
    boolean mayConflict(String module, Map<String, String> changing, EntityLink link, Fields rules) {
        Map<String, String> agreed = link.lastWrittenTo(module);
        String id = link.idOf(module);
        // A record shared by several entities (a company's Organization) never flows back: no conflict to decide.
        return !rules.shared() && id != null && writeBack(module).filter(w -> w.writesBack(link, id)).isPresent()
                && changing.keySet().stream().anyMatch(f -> twoWay(rules, f) && agreed.get(f) != null);
    }

    Decided decide(String module, Map<String, String> changing, EntityLink link, Fields rules,
            Supplier<JsonNode> current) {
        if (!mayConflict(module, changing, link, rules)) {
            return new Decided(link, Map.of(), List.of(), "", "");
        }
        Map<String, String> agreed = link.lastWrittenTo(module);
        JsonNode record = current.get();
        String modifiedtime = record.path("modifiedtime").asText("");
        EntityLink out = link;
        Map<String, String> vtigerWon = new LinkedHashMap<>();
        List<FieldConflict> conflicts = new ArrayList<>();
        for (Map.Entry<String, String> e : changing.entrySet()) {
            String field = e.getKey();
            String last = agreed.get(field);
            if (!twoWay(rules, field) || last == null) {
                continue;
            }
            String magentoValue = AgreedValues.normal(e.getValue());
            String vtigerValue = AgreedValues.normal(record.path(field).asText(""));
            if (AgreedValues.same(vtigerValue, last) || AgreedValues.same(vtigerValue, magentoValue)
                    || LostValues.lostAlready(link, module, field, vtigerValue)) {
                continue; // changed on Magento's side only, or both agree, or decided already
            }
            MappingRow row = rules.rows().get(field);
            boolean vtigerWins = AgreedValues.vtigerWins(row, modifiedtime, rules.magentoChangedAt());
            conflicts.add(new FieldConflict(field, row.magentoField(), last, magentoValue, rules.magentoChangedAt(),
                    vtigerValue, modifiedtime, row.conflict(), vtigerWins));
            if (vtigerWins) {
                vtigerWon.put(field, vtigerValue);
            } else {
                out = LostValues.record(out, module, field, vtigerValue, modifiedtime);
            }
        }
        return new Decided(out, vtigerWon, conflicts, modifiedtime, record.path("modifiedby").asText(""));
    }

    /**
     * Writes the values Vtiger won to the linked Magento entity, through the module's write back as if the poll had
     * read them: {@code link} holds Magento's values as agreed, so the write back finds Magento unchanged and writes
     * Vtiger's; its result holds Vtiger's values as agreed.
     */
    WriteBackResult toMagento(String module, String vtigerId, Decided decided, EntityLink link) {
        VtigerChange change = new VtigerChange(module, vtigerId, decided.modifiedtime(), decided.modifiedby(),
                decided.vtigerWon());
        return writeBack(module).orElseThrow().apply(change, link);
    }

    private Optional<WriteBack> writeBack(String module) {
        return writeBacks.of(module).filter(WriteBack::decidesFieldConflicts);
    }

    private static boolean twoWay(Fields rules, String field) {
        MappingRow row = rules.rows().get(field);
        return row != null && row.direction() == Direction.BOTH;
    }
}
