package com.mvsync.mapping;

import com.mvsync.vtiger.ModuleDescription;
import com.mvsync.vtiger.VtigerClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Describe answers from the configured Vtiger; the client caches them for {@code mvsync.vtiger.describe-ttl}. */
@ApplicationScoped
public class VtigerModuleDescriptions implements ModuleDescriptions {

    private final VtigerClient vtiger;

    public VtigerModuleDescriptions(VtigerClient vtiger) {
        this.vtiger = vtiger;
    }

    @Override
    public Optional<ModuleDescription> describe(String module) {
        return vtiger.isConfigured() ? Optional.of(vtiger.describe(module)) : Optional.empty();
    }
}
