package com.mvsync.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mvsync.mapping.MagentoWritablePaths;
import com.mvsync.mapping.MappingRow;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A mapping row as the admin API shows it; {@code source} says whether it is built in or configured, {@code write}
 * is the write rule's name ({@code always}, {@code when-empty}, {@code when-empty-if-shared}, {@code on-create}),
 * {@code direction} which way it copies ({@code magento-to-vtiger}, {@code vtiger-to-magento}, {@code both}),
 * {@code conflict} which side wins when both changed, and {@code writableToMagento} whether its path could be turned
 * to flow back (what the console offers). Asked in a scope ({@code ?scope=website:eu}), {@code scope} names the scope
 * that sets the row and {@code inherited} whether that is an enclosing one; without a scope both are left out.
 */
@RegisterForReflection
public record MappingView(String type, String vtigerField, String magentoField, String status, String description,
        String write, boolean freeText, boolean htmlToText, String direction, String conflict,
        boolean writableToMagento, String source, @JsonInclude(JsonInclude.Include.NON_NULL) String scope,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean inherited) {

    static final String DEFAULT = "default";
    static final String CONFIGURED = "configured";

    static MappingView of(MappingRow row, String source) {
        return new MappingView(row.type().label(), row.vtigerField(), row.magentoField(),
                row.active() ? "active" : "inactive", row.description(), row.write().wire(), row.freeText(),
                row.htmlToText(), row.direction().wire(), row.conflict().wire(),
                MagentoWritablePaths.writable(row.type(), row.magentoField()), source, null, null);
    }

    /** This row as seen from a scope: set by {@code setBy}, inherited unless that is the scope asked about. */
    MappingView in(String setBy, boolean isInherited) {
        return new MappingView(type, vtigerField, magentoField, status, description, write, freeText, htmlToText,
                direction, conflict, writableToMagento, source, setBy, isInherited);
    }
}
