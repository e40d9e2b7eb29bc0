package com.mvsync.sync;

import com.mvsync.magento.EntityType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.EnumMap;
import java.util.Map;

/** The {@link EntityRules} of each entity type, collected once; a type without rules fails at startup, not at sync. */
@ApplicationScoped
public class RulesByType {

    private final Map<EntityType, EntityRules> rules = new EnumMap<>(EntityType.class);

    public RulesByType(Instance<EntityRules> all) {
        for (EntityRules r : all) {
            EntityRules before = rules.put(r.type(), r);
            if (before != null) {
                throw new IllegalStateException(r.type() + " has two sync rules: " + before.getClass().getSimpleName()
                        + " and " + r.getClass().getSimpleName());
            }
        }
        for (EntityType type : EntityType.values()) {
            if (!rules.containsKey(type)) {
                throw new IllegalStateException("no sync rules for " + type + ": implement EntityRules for it");
            }
        }
    }

    public EntityRules of(EntityType type) {
        return rules.get(type);
    }
}
