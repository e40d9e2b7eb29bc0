package com.mvsync.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.magento.StoreList;
import com.mvsync.magento.rest.MagentoRestException;
import com.mvsync.mapping.Scope;
import com.mvsync.mapping.ScopeChain;
import com.mvsync.settings.CustomerAccounts;
import com.mvsync.settings.SettingsStore;
import com.mvsync.sync.MagentoStores;
import com.mvsync.sync.SourceConnectionException;
import com.mvsync.sync.SourceUnavailableException;
import com.mvsync.text.Text;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The scopes an admin can configure, as Magento's scope switcher lists them:
 * <pre>
 *   GET /admin/scopes   Magento's websites and their store views (with their currencies), the scope names the
 *                       {@code scope} parameter takes, and how customer accounts are shared
 *   PUT /admin/scopes   {"customerAccounts": "per-website" | "global"}                          200, 400
 * </pre>
 * and the {@code scope} parameter of the mapping routes ({@link #chain}), checked against Magento's store list.
 */
@ApplicationScoped
public class ScopesAdmin implements AdminResource {

    private static final Logger LOG = Logger.getLogger(ScopesAdmin.class);
    static final String SCOPES = "/admin/scopes";

    private final MagentoStores stores;
    private final SettingsStore settings;
    private final AdminHttp http;

    public ScopesAdmin(MagentoStores stores, SettingsStore settings, AdminHttp http) {
        this.stores = stores;
        this.settings = settings;
        this.http = http;
    }

    /** A website with its store views. */
    @RegisterForReflection
    record WebsiteView(int id, String code, String name, String scope, List<StoreView> storeViews) {
    }

    /** A store view, with what its store config says. */
    @RegisterForReflection
    record StoreView(int id, String code, String name, String scope, String locale, String baseCurrency,
            String displayCurrency) {
    }

    /** {@code available} false with the {@code reason} when Magento's store list cannot be read. */
    @RegisterForReflection
    record Scopes(boolean available, String reason, List<String> scopes, List<WebsiteView> websites,
            CustomerAccounts customerAccounts) {
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of("GET", SCOPES, (request, p) -> http.ok(200, scopes())),
                AdminRoute.of("PUT", SCOPES, (request, p) -> update(request)));
    }

    private Scopes scopes() {
        CustomerAccounts accounts = settings.read().customerAccounts();
        List<String> names = List.of(Scope.DEFAULT.wire());
        Optional<StoreList> list;
        try {
            list = stores.list();
        } catch (MagentoRestException e) {
            return new Scopes(false, "Magento's store list could not be read: " + e.getMessage(), names, List.of(),
                    accounts);
        }
        if (list.isEmpty()) {
            return new Scopes(false, "Magento's REST API is not configured: websites and store views are read from it",
                    names, List.of(), accounts);
        }
        List<WebsiteView> websites = new ArrayList<>();
        for (StoreList.Website website : list.get().websites()) {
            List<StoreView> views = storeViews(list.get(), website).stream().map(view -> new StoreView(view.id(),
                    view.code(), view.name(), Scope.store(view.code()).wire(), view.locale(), view.baseCurrency(),
                    view.displayCurrency())).toList();
            websites.add(new WebsiteView(website.id(), website.code(), website.name(),
                    Scope.website(website.code()).wire(), views));
        }
        return new Scopes(true, null, names(list.get()), websites, accounts);
    }

    private HttpApiResponse update(HttpApiEvent request) {
        String example = "{\"customerAccounts\": \"per-website\"}";
        JsonNode body = http.jsonBody(request, "invalid_settings", example);
        if (!(body instanceof ObjectNode object) || object.size() != 1 || !object.has("customerAccounts")) {
            throw new AdminError(400, "invalid_settings", "the body must be " + example
                    + " (customerAccounts: " + String.join(" or ", CustomerAccounts.wireNames()) + ")");
        }
        JsonNode value = object.get("customerAccounts");
        CustomerAccounts accounts = (value.isTextual() ? CustomerAccounts.parse(value.textValue())
                : Optional.<CustomerAccounts>empty()).orElseThrow(() -> new AdminError(400, "invalid_settings",
                        "customerAccounts must be \"" + String.join("\" or \"", CustomerAccounts.wireNames())
                                + "\", not " + Text.abbreviate(value.toString())));
        settings.saveCustomerAccounts(accounts);
        LOG.infof("customer accounts set to %s [%s]", accounts.wire(), request.requestId());
        return http.ok(200, scopes());
    }

    /**
     * {@link #chain(HttpApiEvent)} of {@code scopes}; without them (an admin API built with no store list) only the
     * default scope is known, and another is 409.
     */
    static Optional<ScopeChain> chain(ScopesAdmin scopes, HttpApiEvent request) {
        if (scopes != null) {
            return scopes.chain(request);
        }
        Optional<String> text = AdminHttp.query(request, "scope");
        if (text.isPresent() && !Scope.parse(text.get()).isDefault()) {
            throw new AdminError(409, "scopes_unavailable", "this API knows only the default scope");
        }
        return text.map(t -> ScopeChain.DEFAULT);
    }

    /**
     * {@link #chain(ScopesAdmin, HttpApiEvent)} when it names a website or store view: what the routes that set or
     * remove a scope's own values act on (without one they act on the default scope, as they always did).
     */
    static Optional<ScopeChain> narrower(ScopesAdmin scopes, HttpApiEvent request) {
        return chain(scopes, request).filter(c -> !c.innermost().isDefault());
    }

    /**
     * The chain of the scope a request's {@code scope} parameter names, empty without one: a website or store view
     * Magento lists (a store view with its website), else 400; 409 when Magento's store list cannot be read.
     */
    Optional<ScopeChain> chain(HttpApiEvent request) {
        Optional<String> text = AdminHttp.query(request, "scope");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Scope scope = Scope.parse(text.get());
        if (scope.isDefault()) {
            return Optional.of(ScopeChain.DEFAULT);
        }
        StoreList list;
        try {
            list = stores.list().orElseThrow(() -> new AdminError(409, "scopes_unavailable", "scope " + scope
                    + " cannot be checked: websites and store views are read from Magento's REST API, which is not"
                    + " configured"));
        } catch (MagentoRestException | SourceUnavailableException | SourceConnectionException e) {
            throw new AdminError(409, "scopes_unavailable", "scope " + scope + " cannot be checked: Magento's store"
                    + " list could not be read (" + e.getMessage() + "); nothing was changed");
        }
        if (scope.level() == Scope.Level.WEBSITE) {
            StoreList.Website website = list.website(scope.code()).orElseThrow(() -> unknown(scope, list));
            return Optional.of(new ScopeChain(List.of(Scope.DEFAULT, Scope.website(website.code())), null));
        }
        StoreList.StoreView view = list.storeView(scope.code()).orElseThrow(() -> unknown(scope, list));
        StoreList.Website website = list.website(view.websiteId()).orElseThrow(() -> unknown(scope, list));
        return Optional.of(new ScopeChain(List.of(Scope.DEFAULT, Scope.website(website.code()), scope), null));
    }

    private static AdminError unknown(Scope scope, StoreList list) {
        return new AdminError(400, "invalid_scope", "Magento has no " + (scope.level() == Scope.Level.WEBSITE
                ? "website " : "store view ") + scope.code() + "; its scopes are " + String.join(", ", names(list)));
    }

    /** The scope names of the list, as the switcher orders them: default, then each website and its store views. */
    private static List<String> names(StoreList list) {
        List<String> names = new ArrayList<>(List.of(Scope.DEFAULT.wire()));
        for (StoreList.Website website : list.websites()) {
            names.add(Scope.website(website.code()).wire());
            storeViews(list, website).forEach(view -> names.add(Scope.store(view.code()).wire()));
        }
        return names;
    }

    private static List<StoreList.StoreView> storeViews(StoreList list, StoreList.Website website) {
        return list.storeViews().stream().filter(view -> view.websiteId() == website.id()).toList();
    }
}
