package com.mvsync.budget;

import com.mvsync.cache.TtlCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The pause after a failure of the connection itself (Vtiger refused the login or a whole module, Magento answered
 * 401/403, either cannot be reached), shared by every container through DynamoDB ({@link BudgetStore}, item
 * {@code CONNECTION#PAUSE}). Unlike the 429 pause it has no end time: it holds until a check of the connection
 * succeeds (a saved connection that checks OK, or the drain's re-check at most every
 * {@link BudgetConfig#connectionRecheck()}), since nothing but a fix makes the same calls work. This container sees
 * its own pause at once and another's within {@link BudgetConfig#pauseCheck()}.
 */
@ApplicationScoped
public class ConnectionPause {

    private static final Logger LOG = Logger.getLogger(ConnectionPause.class);
    private static final String KEY = "connection";

    /** The system whose connection failed. */
    public enum System {
        VTIGER, MAGENTO;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A running pause: which system, why (the failure as the admin should read it), since when, when it was last
     * checked, and the module a module-wide denial names (else null).
     */
    public record Paused(System system, String reason, Instant since, Instant checkedAt, String module) {
    }

    private final BudgetStore store;
    private final BudgetConfig config;
    private final Clock clock;
    private final TtlCache<String, Optional<Paused>> cache;

    public ConnectionPause(BudgetStore store, BudgetConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.cache = new TtlCache<>(clock, config::pauseCheck);
    }

    /** The pause as this container knows it (re-read at most every pause-check). */
    public Optional<Paused> current() {
        return cache.get(KEY, k -> store.connectionPause());
    }

    /** The pause as stored now (no cache): for the admin. */
    public Optional<Paused> stored() {
        cache.invalidate(KEY);
        return current();
    }

    /** Pauses every container's calls; a pause that runs already keeps its start and takes the latest reason. */
    public void pause(System system, String reason, String module) {
        Instant now = clock.instant();
        LOG.warnf("connection failure, every container's calls paused until a check succeeds: %s", reason);
        store.pauseConnection(system, reason, module, now);
        cache.invalidate(KEY);
    }

    /** The connection works again: calls resume everywhere. */
    public void clear() {
        if (store.clearConnectionPause()) {
            LOG.infof("connection checked OK: the connection pause is over");
        }
        cache.invalidate(KEY);
    }

    /**
     * Takes the turn to check the connection again: true for one caller per {@link BudgetConfig#connectionRecheck()}
     * over all containers while a pause runs (the failure that set it counts as a check).
     */
    public boolean takeRecheck() {
        return store.takeConnectionRecheck(clock.instant(), config.connectionRecheck());
    }

    /** When the pause will next be checked, as the admin and a queued webhook's answer say. */
    public Instant nextCheck(Paused paused) {
        Instant next = paused.checkedAt().plus(config.connectionRecheck());
        Instant now = clock.instant();
        return next.isAfter(now) ? next : now;
    }
}
