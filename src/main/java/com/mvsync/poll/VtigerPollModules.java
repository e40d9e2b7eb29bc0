package com.mvsync.poll;

import com.mvsync.magento.EntityType;
import com.mvsync.sync.WriteBack;
import com.mvsync.sync.WriteBacks;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the Vtiger poll of each two-way module stands, for {@code GET /admin/poll}: whether it is polled (a row of its
 * record type flows back to Magento), which fields it reads, its cursor and its latest run. One Query for all cursors.
 */
@ApplicationScoped
public class VtigerPollModules {

    private final WriteBacks writeBacks;
    private final PollCursorStore cursors;

    public VtigerPollModules(WriteBacks writeBacks, PollCursorStore cursors) {
        this.writeBacks = writeBacks;
        this.cursors = cursors;
    }

    /** Per Vtiger module, in the order the poll takes them (one Query of the cursors). */
    public Map<String, PollStatus.ModuleStatus> status() {
        return status(cursors.all());
    }

    /** {@link #status()} from cursors read already (with Magento's poll's, for {@code GET /admin/poll}). */
    public Map<String, PollStatus.ModuleStatus> status(PollCursorStore.Cursors read) {
        Map<String, EntityType> types = new LinkedHashMap<>();
        Set<String> formerOwners = new HashSet<>();
        for (WriteBack writeBack : writeBacks.all()) {
            types.put(writeBack.module(), writeBack.entityType());
            if (writeBacks.ownsFormerCursor(writeBack)) {
                formerOwners.add(writeBack.module());
            }
        }
        Map<String, PollCursor> stored = read.vtiger(types, formerOwners);
        Map<String, PollStatus.ModuleStatus> modules = new LinkedHashMap<>();
        for (WriteBack writeBack : writeBacks.all()) {
            List<String> fields = writeBacks.polledFields(writeBack);
            PollCursor cursor = stored.get(writeBack.module());
            modules.put(writeBack.module(), new PollStatus.ModuleStatus(writeBack.entityType().label(),
                    !fields.isEmpty(), fields, cursor == null ? null : cursor.cursor(),
                    cursor == null ? null : cursor.vtigerRun(), writeBack.unlinkedMeans()));
        }
        return modules;
    }
}
