package com.mvsync.admin;

import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.settings.RecordSetting;
import com.mvsync.settings.SettingField;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.settings.SourceSetting;
import com.mvsync.settings.TypeSetting;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The sync settings routes:
 * <pre>
 *   GET    /admin/settings          settings of every sync type, the record policy and the sources
 *   PUT    /admin/settings          change some (partial)         200, 400
 *   GET    /admin/settings/fields   each field of the record policy, a type and a source: name, type, default,
 *                                   allowed values, limits (the console draws its inputs from it)
 * </pre>
 */
@ApplicationScoped
public class SettingsAdmin implements AdminResource {

    private static final Logger LOG = Logger.getLogger(SettingsAdmin.class);
    static final String SETTINGS = "/admin/settings";

    private final SettingsStore settings;
    private final AdminHttp http;

    public SettingsAdmin(SettingsStore settings, AdminHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of("GET", SETTINGS, (request, p) -> http.ok(200, settings.read())),
                AdminRoute.of("PUT", SETTINGS, (request, p) -> update(request)),
                AdminRoute.of("GET", SETTINGS + "/fields",
                        (request, p) -> http.ok(200, new Fields(SettingField.describe(RecordSetting.values()),
                                SettingField.describe(TypeSetting.values()),
                                SettingField.describe(SourceSetting.values())))));
    }

    /** {@code GET /admin/settings/fields}: each part's fields, in this order. */
    @RegisterForReflection
    record Fields(List<SettingField.Description> records, List<SettingField.Description> types,
            List<SettingField.Description> sources) {
    }

    private HttpApiResponse update(HttpApiEvent request) {
        SettingsUpdate update = SettingsUpdate.parse(http.jsonBody(request, "invalid_settings",
                "{\"types\":{\"CONTACTS\":{\"enabled\":true,\"mode\":\"cron\",\"periodMinutes\":10}}}"));
        var saved = settings.update(update);
        LOG.infof("settings of %s%s updated [%s]", update.types().keySet(),
                update.records().isEmpty() ? "" : " and the record policy", request.requestId());
        return http.ok(200, saved);
    }
}
