package com.mvsync.sync;

import com.mvsync.magento.EntityType;
import com.mvsync.mapping.RecordType;
import com.mvsync.store.EntityLink;
import java.util.List;

/**
 * Two-way sync of one Vtiger module: how a change of its records is written back to the Magento entity linked to them
 * ({@link CustomerWriteBack}, {@link AccountWriteBack}, {@link ProductWriteBack}, {@link OrderWriteBack}). The
 * Vtiger poll and the drain find them by module ({@link WriteBacks}); neither switches on the module.
 */
public interface WriteBack {

    /** The record type whose rows flow back (Contact); its module is the one polled. */
    RecordType record();

    /** The Vtiger module polled, e.g. Contacts. */
    default String module() {
        return record().module();
    }

    /**
     * The Magento entity type its records are linked to (the link's key, the queue priority, the poll cursor): the
     * registry's type that feeds the record type.
     */
    default EntityType entityType() {
        return EntityType.feeding(record()).orElseThrow();
    }

    /** The fields a person knows a record by, read by the poll for the queue's and the log's label. */
    List<String> nameFields();

    /**
     * Whether its changes are field values whose conflicts are decided by the row's rule (a customer's, a product's),
     * also when a Magento change meets a Vtiger one ({@link MagentoSideConflicts}).
     */
    default boolean decidesFieldConflicts() {
        return true;
    }

    /**
     * Whether changes of this linked record may be written back to the entity at all (true but for an Organization
     * that is not the customer's personal one: {@link AccountWriteBack}); conflicts seen from the Magento side are
     * decided only for such a record.
     */
    default boolean writesBack(EntityLink link, String vtigerId) {
        return true;
    }

    /** What the poll's unlinked records of the module are, for the console: why they are not written back. */
    default String unlinkedMeans() {
        return "linked to no Magento entity";
    }

    /** Writes one change back to the linked entity; see {@link CustomerWriteBack} for the rules all follow. */
    WriteBackResult apply(VtigerChange change, EntityLink link);
}
