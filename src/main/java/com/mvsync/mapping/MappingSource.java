package com.mvsync.mapping;

import java.util.List;

/** Where configured mapping rows come from (the admin-edited rows in DynamoDB; none in the simplest setup). */
public interface MappingSource {

    /** The configured rows of a type, active and inactive. */
    List<MappingRow> configuredRows(RecordType type);
}
