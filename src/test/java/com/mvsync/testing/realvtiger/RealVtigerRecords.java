package com.mvsync.testing.realvtiger;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.testing.lambda.FunctionEvents;
import com.mvsync.testing.vtiger.RawVtiger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What a real-Vtiger test made, so it leaves the server as it found it. Every Magento id, email, company name, SKU and
 * order subject of a run carries the run's {@link #marker}; the ids the product answered are tracked, and the clean-up
 * also sweeps whatever carries the marker (a record a failed assertion left untracked), deleting all of it. Vtiger's
 * delete is soft (vtiger_crmentity.deleted = 1), but a deleted record no longer counts for Duplicate Prevention nor for
 * VTQL, so a rerun's lookups and names never meet it.
 */
public final class RealVtigerRecords {

    /** Deleted children first: a Contact or Sales Order before the Organization it points at. */
    private static final List<String> MODULES = List.of("Invoice", "SalesOrder", "Contacts", "Leads", "Accounts",
            "Products");
    /** Where each module carries the marker. */
    private static final Map<String, List<String>> MARKED_FIELDS = Map.of(
            "Invoice", List.of("subject"),
            "SalesOrder", List.of("subject"),
            "Contacts", List.of("email"),
            "Leads", List.of("email"),
            "Accounts", List.of("accountname", "email1"),
            "Products", List.of("productcode"));

    /** The run's marker: its start second, seven digits, so reruns for months never share one. */
    private static final String MARKER = Long.toString(System.currentTimeMillis() / 1000 % 10_000_000L + 10_000_000L)
            .substring(1);
    /** Ids of the run, shared by its test classes (one application serves them all). */
    private static final AtomicLong NEXT = new AtomicLong(Long.parseLong("1" + MARKER) * 10_000);

    private final RawVtiger.Session session = RealVtigerEnv.session();
    private final Set<String> made = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public RawVtiger.Session session() {
        return session;
    }

    public String marker() {
        return MARKER;
    }

    /** A new Magento id of this run (its decimal form contains the marker). */
    public long nextId() {
        return NEXT.incrementAndGet();
    }

    /** An email of this run. */
    public String email(String label, long id) {
        return label + id + "@example.com";
    }

    /** A SKU of this run. */
    public String sku(String label) {
        return "RV" + MARKER + "-" + label + "-" + NEXT.incrementAndGet() % 10_000;
    }

    /**
     * Delivers {@code body} to a function bean as a signed POST to {@code path} (signed anew each time, as a sender's
     * retry is) and tracks the records its answer names.
     */
    public HttpApiResponse deliver(Function<HttpApiEvent, HttpApiResponse> function, String path, String body) {
        HttpApiResponse response = function.apply(FunctionEvents.signed(path, body));
        track(FunctionEvents.body(response));
        return response;
    }

    /** Tracks every Vtiger id a function's answer names: its {@code vtiger} map, {@code made} and {@code records}. */
    public JsonNode track(JsonNode answer) {
        answer.path("vtiger").forEach(id -> made.add(id.asText()));
        answer.path("made").forEach(id -> made.add(id.asText()));
        answer.path("records").forEach(r -> {
            if (r.hasNonNull("id")) {
                made.add(r.path("id").asText());
            }
        });
        return answer;
    }

    /** The live records of {@code module} matching {@code where} (VTQL, without LIMIT). */
    public List<JsonNode> query(String module, String where) {
        return session.query("SELECT * FROM " + module + " WHERE " + where);
    }

    public JsonNode retrieve(String id) {
        return session.retrieve(id);
    }

    /** Whether Vtiger still holds {@code id} live (a deleted id is answered ACCESS_DENIED). */
    public boolean exists(String id) {
        return session.call("GET", RawVtiger.params("operation", "retrieve", "id", id)).success();
    }

    /**
     * Deletes what this run made, tracked or carrying the marker, and answers what is still there afterwards (nothing,
     * unless a delete failed).
     */
    public List<String> deleteAll() {
        Set<String> ids = new LinkedHashSet<>();
        for (String module : MODULES) {
            ids.addAll(marked(module));
        }
        ids.addAll(made); // one a marker-less field made (none today) or a failed assertion left
        ids.forEach(session::delete);
        made.clear();
        List<String> left = new ArrayList<>();
        for (String module : MODULES) {
            left.addAll(marked(module));
        }
        return left;
    }

    private List<String> marked(String module) {
        Set<String> ids = new LinkedHashSet<>();
        for (String field : MARKED_FIELDS.get(module)) {
            session.query("SELECT id FROM " + module + " WHERE " + field + " LIKE '%" + MARKER + "%'")
                    .forEach(r -> ids.add(r.path("id").asText()));
        }
        return List.copyOf(ids);
    }
}
