package com.mvsync.admin;

import com.mvsync.mapping.Scope;
import com.mvsync.mapping.ScopeChain;
import com.mvsync.settings.Mode;
import com.mvsync.settings.ScopedUpdate;
import com.mvsync.settings.SyncSettings;
import com.mvsync.settings.SyncType;
import com.mvsync.settings.TypeOverride;
import com.mvsync.settings.TypeSettings;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /admin/settings?scope=…}: each type's settings in force in the scope, and for each scoped field
 * ({@code enabled}, {@code mode}) the scope that sets it and whether that is an enclosing one (inherited), as the
 * mapping routes mark their rows. {@code perWebsite} false: the type is the store's in every scope (Products).
 */
@RegisterForReflection
record ScopedSettingsView(String scope, Map<String, TypeView> types) {

    /** Where a field's value comes from. */
    @RegisterForReflection
    record From(String scope, boolean inherited) {
    }

    @RegisterForReflection
    record TypeView(boolean enabled, Mode mode, int periodMinutes, Object onDelete, boolean perWebsite,
            Map<String, From> from) {
    }

    static ScopedSettingsView of(SyncSettings settings, ScopeChain chain) {
        Scope asked = chain.innermost();
        SyncSettings inForce = settings.in(chain);
        Map<String, TypeView> types = new LinkedHashMap<>();
        for (SyncType type : SyncType.values()) {
            From enabled = new From(Scope.DEFAULT.wire(), !asked.isDefault());
            From mode = enabled;
            for (Scope scope : chain.scopes()) {
                TypeOverride o = settings.override(scope, type);
                From here = new From(scope.wire(), !scope.equals(asked));
                enabled = o.enabled() != null ? here : enabled;
                mode = o.mode() != null ? here : mode;
            }
            TypeSettings s = inForce.of(type);
            types.put(type.name(), new TypeView(s.enabled(), s.mode(), s.periodMinutes(), s.onDelete(),
                    ScopedUpdate.scopes(type), Map.of("enabled", enabled, "mode", mode)));
        }
        return new ScopedSettingsView(asked.wire(), types);
    }
}
