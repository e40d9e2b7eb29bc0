package com.mvsync.connection;

import com.mvsync.budget.ConnectionPause;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Ends a connection pause by itself once the connection works again: while one runs, one caller per re-check
 * interval over all containers (the drain, at the start of its run) makes the one cheap check of the failed system
 * ({@link ConnectionCheck#failure}), and clears the pause when it passes.
 */
@ApplicationScoped
public class ConnectionRecheck {

    private static final Logger LOG = Logger.getLogger(ConnectionRecheck.class);

    private final ConnectionPause pause;
    private final ConnectionCheck check;

    public ConnectionRecheck(ConnectionPause pause, ConnectionCheck check) {
        this.pause = pause;
        this.check = check;
    }

    /** The pause after the check, if one was due; empty when no pause runs (any more). */
    public Optional<ConnectionPause.Paused> recheckIfDue() {
        Optional<ConnectionPause.Paused> paused = pause.stored();
        if (paused.isEmpty() || !pause.takeRecheck()) {
            return paused;
        }
        Optional<String> failure = check.failure(paused.get());
        if (failure.isEmpty()) {
            pause.clear();
            return Optional.empty();
        }
        LOG.infof("connection re-check: still failing: %s", failure.get());
        return paused;
    }

    /** After a saved connection checked: the paused system passing its check ends the pause. */
    public void checked(CheckReport report) {
        Optional<ConnectionPause.Paused> paused = pause.stored();
        if (paused.isEmpty()) {
            return;
        }
        boolean ok = paused.get().system() == ConnectionPause.System.VTIGER
                ? report.vtiger() != null && report.vtiger().ok() && moduleOk(report, paused.get().module())
                : report.magento() != null && report.magento().ok();
        if (ok) {
            pause.clear();
        }
    }

    private static boolean moduleOk(CheckReport report, String module) {
        if (module == null || report.vtiger().modules() == null) {
            return true;
        }
        CheckReport.ModuleCheck m = report.vtiger().modules().get(module);
        return m == null || m.accessible();
    }
}
