package com.mvsync.mapping;

import java.util.List;

/**
 * The scopes whose configuration applies to one entity, general to specific: the default, then its website, then its
 * store view (as Magento resolves a store view's configuration). {@code problem} says why the chain stops short (the
 * store list could not be read): the entity is then mapped with what the chain has, and the mapping notes it.
 */
public record ScopeChain(List<Scope> scopes, String problem) {

    public static final ScopeChain DEFAULT = new ScopeChain(List.of(Scope.DEFAULT), null);

    public ScopeChain {
        scopes = List.copyOf(scopes);
        if (scopes.isEmpty() || !scopes.get(0).isDefault()) {
            throw new IllegalArgumentException("a scope chain starts at the default scope");
        }
    }

    /** The default scope, with the reason the entity's own scopes are not known. */
    public static ScopeChain unresolved(String problem) {
        return new ScopeChain(List.of(Scope.DEFAULT), problem);
    }

    /** The most specific scope of the chain. */
    public Scope innermost() {
        return scopes.get(scopes.size() - 1);
    }
}
