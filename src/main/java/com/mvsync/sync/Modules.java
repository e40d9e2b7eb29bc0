package com.mvsync.sync;

import com.mvsync.mapping.RecordType;

/** The Vtiger modules the sync rules name, as {@link RecordType} defines them (links are keyed by module). */
final class Modules {

    static final String ACCOUNTS = RecordType.ORGANIZATION.module();
    static final String CONTACTS = RecordType.CONTACT.module();
    static final String SALES_ORDER = RecordType.SALES_ORDER.module();
    static final String INVOICE = RecordType.INVOICE.module();
    static final String LINE_ITEM = RecordType.LINE_ITEM.module();

    private Modules() {
    }
}
