package com.mvsync.admin;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The effective mapping of one record type, inactive rows included. */
@RegisterForReflection
public record TypeMappings(String type, String module, List<MappingView> mappings) {
}
