package com.mvsync.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Used when no Magento REST connection exists: partial payloads can then not be completed. */
@DefaultBean
@ApplicationScoped
public class NoEntityFetcher implements EntityFetcher {
    @Override
    public Optional<ObjectNode> fetch(EntityType type, String id) {
        return Optional.empty();
    }
}
