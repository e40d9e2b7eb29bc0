package com.mvsync.mapping;

import java.util.List;

/**
 * A Vtiger field whose active mapping row reads only what the entity lacks (see
 * {@link PathExpression#missingPaths}): a partial payload cannot fill it.
 *
 * @param paths the absent paths the row reads, as written, e.g. {@code default_billing.city}
 */
public record MissingField(String vtigerField, List<String> paths) {

    public MissingField {
        paths = List.copyOf(paths);
    }
}
