package com.mvsync.store;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Vtiger records made for one Magento entity: Vtiger module to record id (e.g. Contacts to 12x18), per module the
 * field values last written there (so an unchanged save skips the write and a change revises only what changed), and
 * the Magento {@code updated_at} of the version synced last (so an older event arriving late is not synced over it).
 */
public record EntityLink(String entityKey, Map<String, String> vtigerIds, Map<String, Map<String, String>> lastWritten,
        String sourceVersion) {

    /**
     * The key of the records this entity holds alone besides its own module's (module to id), kept with the values:
     * a customer's personal Organization, which two-way sync writes back, unlike a company's that members share.
     */
    public static final String HELD_ALONE = "Held by this entity alone";
    private static final String RELEASED = "released ";

    public EntityLink {
        vtigerIds = Map.copyOf(vtigerIds);
        lastWritten = Map.copyOf(lastWritten);
    }

    public EntityLink(String entityKey, Map<String, String> vtigerIds, Map<String, Map<String, String>> lastWritten) {
        this(entityKey, vtigerIds, lastWritten, null);
    }

    public static EntityLink empty(String entityKey) {
        return new EntityLink(entityKey, Map.of(), Map.of());
    }

    /**
     * Whether a Magento version ({@code updated_at}, "yyyy-MM-dd HH:mm:ss", which sorts as text) is older than the
     * one synced last. Unknown versions are never stale.
     */
    public boolean isNewerThan(String version) {
        return sourceVersion != null && version != null && !version.isBlank() && sourceVersion.compareTo(version) > 0;
    }

    public EntityLink withSourceVersion(String version) {
        if (version == null || version.isBlank() || isNewerThan(version)) {
            return this;
        }
        return new EntityLink(entityKey, vtigerIds, lastWritten, version);
    }

    public String idOf(String module) {
        return vtigerIds.get(module);
    }

    public Map<String, String> lastWrittenTo(String module) {
        return lastWritten.getOrDefault(module, Map.of());
    }

    /**
     * The link with values kept under {@code key} without a Vtiger record id: what a write back sent to Magento where
     * Magento holds it in another form than Vtiger (an order's status sent as a comment, two-way sync).
     */
    public EntityLink withValues(String key, Map<String, String> values) {
        Map<String, Map<String, String>> all = new LinkedHashMap<>(lastWritten);
        all.put(key, Map.copyOf(values));
        return new EntityLink(entityKey, vtigerIds, all, sourceVersion);
    }

    public EntityLink with(String module, String vtigerId, Map<String, String> written) {
        Map<String, String> ids = new LinkedHashMap<>(vtigerIds);
        ids.put(module, vtigerId);
        Map<String, Map<String, String>> values = new LinkedHashMap<>(lastWritten);
        values.put(module, Map.copyOf(written));
        return new EntityLink(entityKey, ids, values, sourceVersion);
    }

    /**
     * The link with {@code module}'s linked record marked as held by this entity alone, or no longer. A mark taken
     * off is kept as released ({@link #released}) until the next call, so that the commit of this link lets go of
     * the record's holder.
     */
    public EntityLink holdingAlone(String module, boolean alone) {
        Map<String, String> held = new LinkedHashMap<>(lastWrittenTo(HELD_ALONE));
        held.keySet().removeIf(key -> key.startsWith(RELEASED)); // let go of by the commit that released it
        String id = idOf(module);
        String was = held.remove(module);
        if (was != null && !(alone && was.equals(id))) {
            held.put(RELEASED + module, was); // unmarked, or another record linked in its place
        }
        if (alone && id != null) {
            held.put(module, id);
        }
        return held.equals(lastWrittenTo(HELD_ALONE)) ? this : withValues(HELD_ALONE, held);
    }

    /** The records whose mark this link took off ({@link #holdingAlone}), unless it holds them still. */
    public Set<String> released() {
        Collection<String> held = heldAlone().values();
        Set<String> out = new LinkedHashSet<>();
        lastWrittenTo(HELD_ALONE).forEach((key, id) -> {
            if (key.startsWith(RELEASED) && !held.contains(id)) {
                out.add(id);
            }
        });
        return out;
    }

    /** The records marked as held by this entity alone that it still links (module to id). */
    public Map<String, String> heldAlone() {
        Map<String, String> held = new LinkedHashMap<>();
        lastWrittenTo(HELD_ALONE).forEach((module, id) -> {
            if (id.equals(idOf(module))) {
                held.put(module, id);
            }
        });
        return held;
    }
}
