package com.mvsync.admin;

import com.mvsync.poll.PollConfig;
import com.mvsync.poll.PollCursorStore;
import com.mvsync.poll.PollStatus;
import com.mvsync.poll.VtigerPollModules;
import com.mvsync.settings.SettingsStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The poll's admin route:
 * <pre>
 *   GET    /admin/poll     per entity type: source, cursor, the latest run (status, requests, entities found);
 *                          per Vtiger module of two-way sync: polled or not, cursor, the latest run (Vtiger calls,
 *                          changed, queued, the unlinked records left alone)
 * </pre>
 * The source itself is a setting ({@code PUT /admin/settings {"sources":{"customer":{"source":"poll"}}}}).
 */
@ApplicationScoped
public class PollAdmin implements AdminResource {

    static final String POLL = "/admin/poll";

    private final SettingsStore settings;
    private final PollCursorStore cursors;
    private final VtigerPollModules modules;
    private final PollConfig config;
    private final AdminHttp http;

    public PollAdmin(SettingsStore settings, PollCursorStore cursors, VtigerPollModules modules, PollConfig config,
            AdminHttp http) {
        this.settings = settings;
        this.cursors = cursors;
        this.modules = modules;
        this.config = config;
        this.http = http;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(AdminRoute.of("GET", POLL, (request, p) -> {
            PollCursorStore.Cursors read = cursors.all(); // both polls' cursors, one Query
            return http.ok(200, PollStatus.of(settings.read(), read.magento(), modules.status(read),
                    config.overlap()));
        }));
    }
}
