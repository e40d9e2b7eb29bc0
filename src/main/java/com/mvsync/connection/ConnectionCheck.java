package com.mvsync.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.budget.ConnectionPause;
import com.mvsync.connection.CheckReport.CurrencyCheck;
import com.mvsync.connection.CheckReport.MagentoCheck;
import com.mvsync.connection.CheckReport.ModuleCheck;
import com.mvsync.connection.CheckReport.Status;
import com.mvsync.connection.CheckReport.VtigerCheck;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoConnection;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.magento.rest.MagentoRestConfig;
import com.mvsync.magento.rest.MagentoRestException;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.MandatoryFields;
import com.mvsync.mapping.RecordType;
import com.mvsync.vtiger.CurrencyPreferences;
import com.mvsync.vtiger.ModuleDescription;
import com.mvsync.vtiger.VtigerClient;
import com.mvsync.vtiger.VtigerConfig;
import com.mvsync.vtiger.VtigerConnection;
import com.mvsync.vtiger.VtigerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * "Check connection": logs in to Vtiger and reads one page of Magento customers with the effective connection, each
 * on a client of its own so the shared clients (and their sessions) are not disturbed. Every failure is reported
 * with a reason and a message for the admin; the check itself does not fail.
 */
@ApplicationScoped
public class ConnectionCheck {

    /** The modules the sync writes, in the order the admin sees them. */
    /** defaultid of Vtiger's base currency (vtiger_currency_info). */
    private static final String BASE_CURRENCY_MARK = "-11";

    static final List<RecordType> MODULES = List.of(RecordType.LEAD, RecordType.ORGANIZATION, RecordType.CONTACT,
            RecordType.PRODUCT, RecordType.SALES_ORDER, RecordType.INVOICE);

    private final ConnectionSettings settings;
    private final VtigerConfig vtigerConfig;
    private final MagentoRestConfig magentoConfig;
    private final FieldMapper mapper;
    private final ObjectMapper json;
    private final Clock clock;

    public ConnectionCheck(ConnectionSettings settings, VtigerConfig vtigerConfig, MagentoRestConfig magentoConfig,
            FieldMapper mapper, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.vtigerConfig = vtigerConfig;
        this.magentoConfig = magentoConfig;
        this.mapper = mapper;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Both systems at once: each waits at most its client's timeouts, and API Gateway gives the admin function 30 s
     * in all.
     */
    public CheckReport run() {
        return run(settings.reload());
    }

    /** The check of a connection not stored yet (a save checks what it would store). */
    public CheckReport run(EffectiveConnection effective) {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "connection-check-magento");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture<MagentoCheck> magento = CompletableFuture.supplyAsync(
                    () -> magento(effective.magento()), executor);
            VtigerCheck vtiger = vtiger(effective);
            return new CheckReport(vtiger, magento.join());
        } finally {
            executor.shutdown();
        }
    }

    // ---- Vtiger -------------------------------------------------------------------------------------------------

    VtigerCheck vtiger(EffectiveConnection effective) {
        if (effective.vtiger().isEmpty()) {
            return VtigerCheck.failed(CheckReport.NOT_CONFIGURED, effective.vtigerProblem(),
                    effective.value(Setting.VTIGER_URL).orElse(null));
        }
        VtigerConnection connection = effective.vtiger().get();
        String url = connection.baseUri().toString();
        try (VtigerClient client = VtigerClient.forConnection(vtigerConfig, json, clock, connection)) {
            VtigerClient.Session session = client.session();
            Map<String, ModuleCheck> modules = new LinkedHashMap<>();
            List<String> attention = new ArrayList<>();
            for (RecordType type : MODULES) {
                ModuleCheck module = module(client, type);
                modules.put(type.module(), module);
                if (!module.accessible() || !module.mandatoryUnmapped().isEmpty()) {
                    attention.add(type.module());
                }
            }
            owner(client, session).ifPresent(attention::add);
            CurrencyCheck currency = currency(client);
            if (!currency.warnings().isEmpty()) {
                attention.add("the user's currency preferences (" + String.join("; ", currency.warnings()) + ")");
            }
            String message = "logged in to Vtiger " + (session.vtigerVersion() == null ? "" : session.vtigerVersion()
                    + " ") + "as " + connection.username()
                    + (attention.isEmpty() ? "" : "; needs attention: " + String.join(", ", attention));
            return new VtigerCheck(true, null, message, url, session.vtigerVersion(), connection.username(),
                    session.userId(), modules, attention.isEmpty() ? Status.OK : Status.ATTENTION, currency);
        } catch (VtigerException e) {
            return vtigerFailure(e, connection);
        }
    }

    /**
     * The owner the sync gives every record it creates ({@code mvsync.vtiger.assigned-user-id}; the sync user when
     * unset). Vtiger 8.2.0 reads only the number after the 'x' of {@code assigned_user_id}, and an owner that is no
     * user still gets the record saved, then an HTML error page ("Attempt to access restricted file") instead of the
     * answer: the sync cannot know the record exists, and a retry would make it twice.
     */
    private Optional<String> owner(VtigerClient client, VtigerClient.Session session) {
        Optional<String> configured = vtigerConfig.assignedUserId().map(String::trim).filter(id -> !id.isEmpty());
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        String id = configured.get();
        String users = session.userId().substring(0, session.userId().indexOf('x') + 1);
        if (id.startsWith(users)) {
            try {
                client.retrieve(id);
                return Optional.empty();
            } catch (VtigerException e) {
                // no such user (Vtiger answers ACCESS_DENIED): said below
            }
        }
        return Optional.of("the owner of new records (mvsync.vtiger.assigned-user-id " + id + ") is no Vtiger user"
                + " (users' ids start with " + users + "): Vtiger would save each record and then answer an error"
                + " page, so a retry would make it twice; set it to a user's id, or leave it unset for the sync user "
                + session.userId());
    }

    private ModuleCheck module(VtigerClient client, RecordType type) {
        try {
            ModuleDescription described = client.describe(type.module());
            List<String> unmapped = MandatoryFields.unfilled(type, described, mapper.effectiveRows(type));
            return new ModuleCheck(true, unmapped, unmapped.isEmpty() ? null
                    : "mandatory in Vtiger but not mapped: " + String.join(", ", unmapped)
                            + "; records cannot be created until a mapping row fills "
                            + (unmapped.size() == 1 ? "it" : "them"));
        } catch (VtigerException e) {
            return new ModuleCheck(false, List.of(), "ACCESS_DENIED".equals(e.code())
                    ? "the user may not use " + type.module() + " (ACCESS_DENIED); check its role and profile"
                    : "describe failed: " + e.code() + ": " + detail(e));
        }
    }

    /**
     * The sync user's currency preferences: Vtiger 8.2.0 rounds every currency value the user writes to its "Number
     * of currency decimals" (a stock admin who never saw the first-login preferences page has 0: 19.99 is stored as
     * 20), and converts purchase cost and annual revenue into the user's currency and back (EUR at 0.92: 19.99 is
     * stored as 19.98913043).
     */
    private static CurrencyCheck currency(VtigerClient client) {
        CurrencyPreferences preferences;
        try {
            preferences = client.currencyPreferences();
        } catch (VtigerException e) {
            return new CurrencyCheck(null, null, null, null, null, List.of("could not read the user's currency"
                    + " preferences (" + e.code() + "): check My Preferences > Currency decimals is at least "
                    + CurrencyPreferences.ENOUGH + ", or prices may be rounded"));
        }
        List<String> warnings = new ArrayList<>();
        if (preferences.decimals() < CurrencyPreferences.ENOUGH) {
            warnings.add(preferences.advice(CurrencyPreferences.ENOUGH) + " (Vtiger rounds every price the sync"
                    + " writes: 19.99 would be stored as " + CurrencyPreferences.shown(new BigDecimal("19.99")
                            .setScale(preferences.decimals(), RoundingMode.HALF_UP)) + ")");
        }
        String code = null;
        Boolean base = null;
        try {
            for (JsonNode row : client.query("SELECT id, currency_code, defaultid FROM Currency;")) {
                if (row.path("id").asText().equals(preferences.currencyId())) {
                    code = row.path("currency_code").asText(null);
                    base = BASE_CURRENCY_MARK.equals(row.path("defaultid").asText());
                } else if (BASE_CURRENCY_MARK.equals(row.path("defaultid").asText()) && base == null) {
                    base = false;
                }
            }
        } catch (VtigerException e) {
            // the currency is only reported; the decimals above are what rounds
        }
        if (Boolean.FALSE.equals(base)) {
            warnings.add("the Vtiger user " + preferences.user() + " works in " + (code == null ? "another currency"
                    : code) + ", not Vtiger's base currency: Vtiger converts purchase costs and annual revenues"
                    + " into it and back, altering them; set My Preferences > Currency to the base currency");
        }
        return new CurrencyCheck(preferences.decimals(), preferences.decimalSeparator(),
                preferences.groupingSeparator(), code, base, List.copyOf(warnings));
    }

    private VtigerCheck vtigerFailure(VtigerException e, VtigerConnection connection) {
        String url = connection.baseUri().toString();
        String endpoint = url + "/webservice.php";
        String hostPort = hostPort(connection.baseUri());
        String detail = detail(e);
        return switch (e.code()) {
            case "INVALID_USER_CREDENTIALS" -> VtigerCheck.failed(CheckReport.WRONG_CREDENTIALS,
                    "username or access key is wrong: Vtiger refused the login of '" + connection.username()
                            + "' (the access key is on the user's My Preferences page; it is not the password)", url);
            case VtigerException.INVALID_RESPONSE -> VtigerCheck.failed(CheckReport.WRONG_URL,
                    "the URL does not answer like Vtiger's webservice.php: " + endpoint
                            + " answered something that is not a Vtiger webservice response", url);
            case VtigerException.HTTP_ERROR -> e.httpStatus() >= 500
                    ? VtigerCheck.failed(CheckReport.ERROR, "Vtiger failed: " + endpoint + " answered HTTP "
                            + e.httpStatus() + " (" + detail + ")", url)
                    : VtigerCheck.failed(CheckReport.WRONG_URL, "the URL does not answer like Vtiger's"
                            + " webservice.php: " + endpoint + " answered HTTP " + e.httpStatus(), url);
            case VtigerException.TIMEOUT -> VtigerCheck.failed(CheckReport.TIMEOUT, "no answer from " + hostPort
                    + " within " + vtigerConfig.readTimeout().toSeconds() + " s (timeout)", url);
            case VtigerException.CONNECTION_FAILED -> VtigerCheck.failed(transportReason(detail),
                    transportMessage(detail, hostPort, connection.baseUri().getHost()), url);
            default -> VtigerCheck.failed(CheckReport.ERROR, "Vtiger refused the login: " + e.code() + ": " + detail,
                    url);
        };
    }

    /**
     * The one cheap check of a paused connection: a login to Vtiger (and a describe of the module a denial named),
     * or one page of Magento customers. Empty when it works, else what fails.
     */
    public Optional<String> failure(ConnectionPause.Paused paused) {
        EffectiveConnection effective = settings.reload();
        if (paused.system() == ConnectionPause.System.MAGENTO) {
            MagentoCheck magento = magento(effective.magento());
            return magento.ok() ? Optional.empty() : Optional.of(magento.message());
        }
        if (effective.vtiger().isEmpty()) {
            return Optional.of(effective.vtigerProblem());
        }
        try (VtigerClient client = VtigerClient.forConnection(vtigerConfig, json, clock, effective.vtiger().get())) {
            client.session();
            if (paused.module() != null) {
                client.describe(paused.module());
            }
            return Optional.empty();
        } catch (VtigerException e) {
            return Optional.of(e.getMessage());
        }
    }

    // ---- Magento ------------------------------------------------------------------------------------------------

    MagentoCheck magento(MagentoConnection connection) {
        String authMode = connection.authMode().name().toLowerCase(Locale.ROOT);
        try (MagentoRestClient client = new MagentoRestClient(magentoConfig, json)) {
            client.connect(connection);
            String restUrl = client.restBase().map(URI::toString).orElse(null);
            try {
                MagentoRestClient.Page page = client.search(EntityType.CUSTOMER, 1, 1);
                return new MagentoCheck(true, null, "read the customer list (" + page.totalCount()
                        + " customers) with " + authMode + " authentication", restUrl, authMode, page.totalCount());
            } catch (MagentoRestException e) {
                String reason = magentoReason(e);
                String message = switch (reason) {
                    case CheckReport.WRONG_CREDENTIALS -> "Magento refused the credentials (HTTP " + e.httpStatus()
                            + "): check the integration's " + (authMode.equals("oauth1")
                                    ? "consumer key, consumer secret, access token and token secret"
                                    : "access token (and that Magento accepts it as a bearer token: Stores >"
                                            + " Configuration > Services > OAuth)")
                            + ", that the integration is active and may read customers; " + e.getMessage();
                    case CheckReport.WRONG_URL -> "the URL does not answer like Magento's REST API: " + e.getMessage();
                    case CheckReport.UNREACHABLE, CheckReport.TLS -> transportMessage(e.getMessage(),
                            restUrl == null ? "" : hostPort(URI.create(restUrl)),
                            restUrl == null ? "" : URI.create(restUrl).getHost());
                    default -> e.getMessage();
                };
                return new MagentoCheck(false, reason, message, restUrl, authMode, null);
            }
        }
    }

    private static String magentoReason(MagentoRestException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return switch (e.code()) {
            case MagentoRestException.NOT_CONFIGURED -> CheckReport.NOT_CONFIGURED;
            case MagentoRestException.UNAUTHORIZED -> CheckReport.WRONG_CREDENTIALS;
            case MagentoRestException.NO_ROUTE, MagentoRestException.INVALID_RESPONSE,
                    MagentoRestException.BAD_REQUEST, MagentoRestException.NOT_FOUND -> CheckReport.WRONG_URL;
            case MagentoRestException.TIMEOUT -> CheckReport.TIMEOUT;
            case MagentoRestException.CONNECTION_FAILED -> transportReason(message);
            default -> CheckReport.ERROR;
        };
    }

    // ---- shared -------------------------------------------------------------------------------------------------

    private static String transportReason(String detail) {
        return detail.contains("TLS handshake failed") ? CheckReport.TLS : CheckReport.UNREACHABLE;
    }

    private static String transportMessage(String detail, String hostPort, String host) {
        int tls = detail.indexOf("TLS handshake failed");
        if (tls >= 0) {
            return detail.substring(tls) + " (is it an https URL of a server that speaks TLS, with a valid"
                    + " certificate?)";
        }
        if (detail.contains("unknown host")) {
            return "unknown host " + host + ": the name does not resolve (check the URL)";
        }
        if (detail.contains("connection refused")) {
            return "connection refused by " + hostPort + ": nothing listens there (check the URL and port)";
        }
        return "could not connect to " + hostPort + " (" + detail + ")";
    }

    /** The exception's own message without the "operation: CODE: " prefix VtigerException adds. */
    private static String detail(VtigerException e) {
        String prefix = e.operation() + ": " + e.code() + ": ";
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String hostPort(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }
}
