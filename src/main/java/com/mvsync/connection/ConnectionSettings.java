package com.mvsync.connection;

import com.mvsync.cache.CachedValue;
import com.mvsync.magento.rest.MagentoConnection;
import com.mvsync.magento.rest.MagentoConnectionSource;
import com.mvsync.magento.rest.MagentoRestConfig;
import com.mvsync.vtiger.VtigerConfig;
import com.mvsync.vtiger.VtigerConnection;
import com.mvsync.vtiger.VtigerConnectionSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The effective connection of this container: stored settings (SSM) over environment defaults, re-read at most every
 * {@code mvsync.connection.cache-ttl}, so an admin's change reaches warm containers without a redeploy. Changes made
 * through {@link #update} apply in this container at once. The Vtiger and Magento clients ask it before every call.
 * <p>
 * When SSM cannot be read, the settings read last are kept (and read again after the TTL); a container that never
 * read them fails its calls as retryable rather than guess with the environment defaults, which the admin may have
 * replaced on purpose.
 */
@ApplicationScoped
public class ConnectionSettings implements VtigerConnectionSource, MagentoConnectionSource {

    private static final Logger LOG = Logger.getLogger(ConnectionSettings.class);

    private final ConnectionStore store;
    private final Map<Setting, String> defaults;
    private final CachedValue<EffectiveConnection> cache;

    @Inject
    public ConnectionSettings(ConnectionStore store, VtigerConfig vtiger, MagentoRestConfig magento,
            ConnectionConfig config, Clock clock) {
        this(store, EffectiveConnection.defaults(vtiger, magento), config.cacheTtl(), clock);
    }

    public ConnectionSettings(ConnectionStore store, Map<Setting, String> defaults, Duration ttl, Clock clock) {
        this.store = store;
        this.defaults = Map.copyOf(defaults);
        this.cache = new CachedValue<>(clock, () -> ttl);
    }

    /** The effective connection; cached for the TTL. */
    public EffectiveConnection effective() {
        return cache.getOrLast(() -> EffectiveConnection.of(store.read(), defaults), ConnectionStoreException.class,
                (e, readAt) -> LOG.warnf("%s; keeping the settings read at %s", e.getMessage(), readAt));
    }

    @Override
    public Optional<VtigerConnection> vtigerConnection() {
        return effective().vtiger();
    }

    @Override
    public MagentoConnection magentoConnection() {
        return effective().magento();
    }

    /** Stored settings as they are now (no cache): for the admin API. */
    public Map<Setting, String> stored() {
        return store.read();
    }

    /** Effective connection read now (no cache), refreshing this container's copy. */
    public EffectiveConnection reload() {
        invalidate();
        return effective();
    }

    /** What {@link #update} would make effective, stored nowhere (to check it before it is saved). */
    public EffectiveConnection preview(ConnectionUpdate update) {
        Map<Setting, String> merged = new java.util.EnumMap<>(Setting.class);
        merged.putAll(store.read());
        update.changes().forEach((setting, value) -> {
            if (value.isPresent()) {
                merged.put(setting, value.get());
            } else {
                merged.remove(setting);
            }
        });
        return EffectiveConnection.of(merged, defaults);
    }

    /** Applies an admin's change and makes this container use it at once. */
    public EffectiveConnection update(ConnectionUpdate update) {
        try {
            store.apply(update);
        } finally {
            invalidate();
        }
        return effective();
    }

    /** Forgets the cached settings; the next call reads SSM. */
    public void invalidate() {
        cache.invalidate();
    }

    /** The environment defaults this container was deployed with. */
    public Map<Setting, String> defaults() {
        return defaults;
    }
}
