package com.mvsync.mapping;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** No configured rows: the built-in defaults apply. Replaced by the stored mapping when one is present. */
@DefaultBean
@ApplicationScoped
public class DefaultsOnlyMappingSource implements MappingSource {
    @Override
    public List<MappingRow> configuredRows(RecordType type) {
        return List.of();
    }
}
