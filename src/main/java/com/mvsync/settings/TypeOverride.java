package com.mvsync.settings;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a website or store view overrides of one {@link SyncType}'s settings: {@code enabled} and {@code mode}, each
 * null when inherited from the enclosing scope. Only these two are scoped: the period belongs to the type's one queue
 * (drained on one schedule) and the delete policy to customers and products, which Magento deletes everywhere at once.
 */
@RegisterForReflection
public record TypeOverride(Boolean enabled, Mode mode) {

    public static final TypeOverride NONE = new TypeOverride(null, null);

    public boolean isEmpty() {
        return enabled == null && mode == null;
    }

    /** {@code inherited} with what this overrides. */
    public TypeSettings applyTo(TypeSettings inherited) {
        return new TypeSettings(enabled != null ? enabled : inherited.enabled(), mode != null ? mode
                : inherited.mode(), inherited.periodMinutes(), inherited.onDelete());
    }

    /** This override with {@code change}'s fields laid over it ({@link ScopedUpdate}: a field given as null drops). */
    TypeOverride with(ScopedUpdate.Change change) {
        return new TypeOverride(change.enabled().over(enabled), change.mode().over(mode));
    }
}
