package com.mvsync.orchestration;

import com.mvsync.magento.MagentoEvent;
import com.mvsync.settings.SyncSettings;
import com.mvsync.store.EntityLink;
import com.mvsync.sync.SyncResult;

/** The sync rules of one route: which entity an event is about, and what to write to Vtiger for it. */
public interface EntitySyncHandler {

    /** The key of the Magento entity the event is about, e.g. {@code customer#42}; syncs of one key never overlap. */
    String entityKey(MagentoEvent event);

    /** @param settings what the admin switched on (e.g. no Leads) */
    SyncResult sync(MagentoEvent event, EntityLink link, SyncSettings settings);
}
