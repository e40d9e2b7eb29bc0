package com.mvsync.mapping;

import com.mvsync.vtiger.ModuleDescription;
import java.util.Optional;

/** Where the validator learns a Vtiger module's fields; a seam so tests can feed recorded describe answers. */
@FunctionalInterface
public interface ModuleDescriptions {

    /**
     * The module as Vtiger describes it, or empty when no Vtiger connection is configured.
     *
     * @throws com.mvsync.vtiger.VtigerException when Vtiger is configured but cannot answer
     */
    Optional<ModuleDescription> describe(String module);
}
