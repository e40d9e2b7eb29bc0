package com.mvsync.admin;

import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.mapping.Scope;
import com.mvsync.mapping.ScopeChain;
import com.mvsync.settings.RecordSetting;
import com.mvsync.settings.ScopedUpdate;
import com.mvsync.settings.SettingField;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.settings.SourceSetting;
import com.mvsync.settings.SyncSettings;
import com.mvsync.settings.SyncType;
import com.mvsync.settings.TypeSetting;
import com.mvsync.text.Text;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The sync settings routes:
 * <pre>
 *   GET    /admin/settings          settings of every sync type, the record policy and the sources
 *   PUT    /admin/settings          change some (partial)         200, 400
 *   GET    /admin/settings/fields   each field of the record policy, a type and a source: name, type, default,
 *                                   allowed values, limits (the console draws its inputs from it)
 *   DELETE /admin/settings/{type}?scope=website:eu   the scope's override of the type removed: inherited again
 * </pre>
 * GET and PUT take {@code ?scope=website:<code>} or {@code store:<code>} ({@link ScopesAdmin#chain}): each type's
 * settings in force there with the scope that sets each scoped field ({@link ScopedSettingsView}); a PUT overrides
 * {@code enabled} and {@code mode} in that scope only ({@link ScopedUpdate}, a field sent as null is inherited again).
 */
@ApplicationScoped
public class SettingsAdmin implements AdminResource {

    private static final Logger LOG = Logger.getLogger(SettingsAdmin.class);
    static final String SETTINGS = "/admin/settings";

    private final SettingsStore settings;
    private final AdminHttp http;
    /** Null for a table without Magento's store list: only the default scope then. */
    private final ScopesAdmin scopes;

    /** The routes of the default scope only (a {@code scope} parameter naming another is answered 409). */
    public SettingsAdmin(SettingsStore settings, AdminHttp http) {
        this(settings, http, null);
    }

    @jakarta.inject.Inject
    public SettingsAdmin(SettingsStore settings, AdminHttp http, ScopesAdmin scopes) {
        this.settings = settings;
        this.http = http;
        this.scopes = scopes;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of("GET", SETTINGS, (request, p) -> {
                    Optional<ScopeChain> chain = chain(request);
                    return chain.isPresent() ? http.ok(200, ScopedSettingsView.of(settings.read(), chain.get()))
                            : http.ok(200, settings.read());
                }),
                AdminRoute.of("PUT", SETTINGS, (request, p) -> ScopesAdmin.narrower(scopes, request)
                        .map(c -> updateIn(c, request)).orElseGet(() -> update(request))),
                AdminRoute.of("DELETE", SETTINGS + "/{type}", (request, p) -> inherit(request, p.get("type"))),
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

    private Optional<ScopeChain> chain(HttpApiEvent request) {
        return ScopesAdmin.chain(scopes, request);
    }

    /** PUT in a website or store view: its overrides of enabled and mode; answered as a GET in the scope. */
    private HttpApiResponse updateIn(ScopeChain chain, HttpApiEvent request) {
        ScopedUpdate update = ScopedUpdate.parse(chain.innermost(), http.jsonBody(request, "invalid_settings",
                "{\"types\":{\"CONTACTS\":{\"enabled\":false}}}"));
        SyncSettings saved = settings.update(update);
        LOG.infof("settings of %s overridden in scope %s [%s]", update.types().keySet(), chain.innermost(),
                request.requestId());
        return http.ok(200, ScopedSettingsView.of(saved, chain));
    }

    /** DELETE in a website or store view: the type inherited again there (404 when the scope overrides nothing). */
    private HttpApiResponse inherit(HttpApiEvent request, String typeName) {
        Optional<ScopeChain> chain = ScopesAdmin.narrower(scopes, request);
        if (chain.isEmpty()) {
            throw new AdminError(400, "invalid_settings", "only a website's or store view's override is removed:"
                    + " DELETE " + SETTINGS + "/{type}?scope=website:<code>; the default settings are changed with PUT");
        }
        SyncType type = SyncType.parse(typeName).orElseThrow(() -> AdminError.notFound("no sync type "
                + Text.abbreviate(typeName) + "; the types are " + Arrays.stream(SyncType.values()).map(Enum::name)
                        .collect(Collectors.joining(", "))));
        Scope scope = chain.get().innermost();
        if (!settings.dropOverride(scope, type)) {
            throw AdminError.notFound("scope " + scope + " overrides no setting of " + type.name());
        }
        LOG.infof("settings of %s inherited again in scope %s [%s]", type, scope, request.requestId());
        return http.ok(200, ScopedSettingsView.of(settings.read(), chain.get()));
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
