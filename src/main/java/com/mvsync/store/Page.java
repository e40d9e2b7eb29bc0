package com.mvsync.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * One page of a list, newest (or first) first, and the opaque cursor of the next page (null: there is none; a cursor
 * may still lead to an empty last page, since a page ends where its Query ended).
 */
@RegisterForReflection
public record Page<T>(List<T> items, String next) {

    public Page {
        items = List.copyOf(items);
    }
}
