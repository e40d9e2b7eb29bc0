package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.vtiger.VtigerClient;
import com.mvsync.vtiger.VtigerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Looks up many unlinked records at once: one VTQL query per module and up to 100 identities, the modules at once,
 * {@code SELECT id, <compared columns> FROM <module> WHERE email IN ('a', 'b', ...);}, and keeps the answers in
 * {@link KnownRecords}. Used before a drain syncs a batch, and for a new customer's webhook while its event is claimed
 * and its entity locked. Only an optimisation: an identity it cannot answer for sure is left out, and its record's
 * sync runs the single lookup as before.
 */
@ApplicationScoped
public class BatchLookup {

    private static final Logger LOG = Logger.getLogger(BatchLookup.class);
    /** Vtiger 8.2.0 answers at most 100 rows per query (LIMIT 500 still gives 100). */
    static final int MAX_ROWS = 100;
    /** Identities per query. */
    static final int MAX_VALUES = 100;
    /**
     * The query travels URL-encoded in a GET (webservice.php reads it from the query string): Apache refuses a request
     * line over 8190 bytes by default, so a query stays well below that with the session name and the rest.
     */
    static final int MAX_ENCODED_QUERY = 6000;

    /**
     * A lookup a sync would make: the record's module, its identity values as the sync has them (before they are made
     * storable), and the columns its first link compares.
     */
    public record Wanted(String module, Map<String, String> criteria, Set<String> columns) {
        public Wanted {
            criteria = Map.copyOf(criteria);
            columns = Set.copyOf(columns);
        }
    }

    /** The identities of one module looked up by the same fields, and the columns selected for them. */
    private record Group(String module, List<String> fields) {
    }

    private final VtigerClient vtiger;
    private final RecordWriter writer;
    private final KnownRecords known;
    private final Branches branches;

    public BatchLookup(VtigerClient vtiger, RecordWriter writer, KnownRecords known, Branches branches) {
        this.vtiger = vtiger;
        this.writer = writer;
        this.known = known;
        this.branches = branches;
    }

    /** Queries Vtiger for every wanted identity; the answers stay available until the batch is closed. */
    public KnownRecords.Batch prefetch(Collection<Wanted> wanted) {
        return known.open(answers(wanted));
    }

    /**
     * What Vtiger holds for the wanted identities, one query per module and chunk, the modules at once. An identity
     * left out of the answer is looked up singly by its sync.
     */
    public Map<KnownRecords.Key, KnownRecords.Answer> answers(Collection<Wanted> wanted) {
        Map<Group, Map<KnownRecords.Key, Map<String, String>>> groups = new LinkedHashMap<>();
        Map<Group, Set<String>> columns = new HashMap<>();
        for (Wanted w : wanted) {
            if (w.criteria().isEmpty() || w.criteria().values().stream().anyMatch(v -> v == null || v.isBlank())) {
                continue; // the single path makes no lookup either (Lookup.usable)
            }
            // Compared in the stored form: Vtiger holds a value longer than its column only cut.
            Map<String, String> stored = writer.storedForm(w.module(), w.criteria()).values();
            Group group = new Group(w.module(), List.copyOf(new TreeSet<>(stored.keySet())));
            groups.computeIfAbsent(group, g -> new LinkedHashMap<>()).putIfAbsent(
                    KnownRecords.Key.of(w.module(), stored), stored);
            columns.computeIfAbsent(group, g -> new TreeSet<>()).addAll(w.columns());
        }
        List<Supplier<Map<KnownRecords.Key, KnownRecords.Answer>>> perModule = new ArrayList<>();
        groups.forEach((group, identities) -> perModule.add(() -> {
            Map<KnownRecords.Key, KnownRecords.Answer> answers = new HashMap<>();
            List<String> selected = columns.get(group).stream().filter(c -> !c.equals("id")).toList();
            for (List<Map<String, String>> chunk : chunks(group, selected, List.copyOf(identities.values()))) {
                try {
                    answer(group, selected, chunk, answers);
                } catch (VtigerException e) {
                    // Only an optimisation: each record's own lookup will meet (and report) the failure.
                    LOG.warnf("batch lookup of %d %s failed, looked up one by one: %s", chunk.size(),
                            group.module(), e.getMessage());
                }
            }
            return answers;
        }));
        Map<KnownRecords.Key, KnownRecords.Answer> answers = new HashMap<>();
        Branches.valuesOrThrow(branches.all(perModule)).forEach(answers::putAll);
        return answers;
    }

    /** Up to {@link #MAX_VALUES} identities per query, fewer where the query would grow too long for a GET. */
    private static List<List<Map<String, String>>> chunks(Group group, List<String> selected,
            List<Map<String, String>> identities) {
        List<List<Map<String, String>>> chunks = new ArrayList<>();
        List<Map<String, String>> current = new ArrayList<>();
        for (Map<String, String> identity : identities) {
            current.add(identity);
            if (current.size() > 1 && (current.size() > MAX_VALUES
                    || encodedLength(query(group, selected, current)) > MAX_ENCODED_QUERY)) {
                current.remove(current.size() - 1);
                chunks.add(current);
                current = new ArrayList<>(List.of(identity));
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /**
     * Answers for a chunk, or none: a full page may hide matches (split, and ask again), a row whose value matches none
     * of those asked for (MariaDB also folds accents) leaves the whole chunk to the single lookups, and an identity
     * that two or more records hold is left to its single lookup too (which one it links is that lookup's choice).
     */
    private void answer(Group group, List<String> selected, List<Map<String, String>> chunk,
            Map<KnownRecords.Key, KnownRecords.Answer> answers) {
        List<JsonNode> rows = vtiger.query(query(group, selected, chunk));
        if (rows.size() >= MAX_ROWS) {
            if (chunk.size() > 1) {
                int half = chunk.size() / 2;
                answer(group, selected, chunk.subList(0, half), answers);
                answer(group, selected, chunk.subList(half, chunk.size()), answers);
            }
            return;
        }
        Map<String, Set<String>> asked = new HashMap<>();
        chunk.forEach(identity -> identity.forEach((field, value) -> asked.computeIfAbsent(field,
                f -> new HashSet<>()).add(KnownRecords.fold(value))));
        Map<KnownRecords.Key, List<JsonNode>> found = new HashMap<>();
        for (JsonNode row : rows) {
            Map<String, String> identity = new LinkedHashMap<>();
            for (String field : group.fields()) {
                String value = row.path(field).asText("");
                if (!asked.get(field).contains(KnownRecords.fold(value))) {
                    LOG.debugf("batch lookup of %s: %s %s matches none asked for; looked up one by one",
                            group.module(), field, value);
                    return;
                }
                identity.put(field, value);
            }
            // With two fields, a row may pair one identity's name with another's e-mail: it answers neither.
            found.computeIfAbsent(KnownRecords.Key.of(group.module(), identity), k -> new ArrayList<>()).add(row);
        }
        Set<String> carried = new HashSet<>(selected);
        for (Map<String, String> identity : chunk) {
            KnownRecords.Key key = KnownRecords.Key.of(group.module(), identity);
            List<JsonNode> matches = found.getOrDefault(key, List.of());
            if (matches.size() <= 1) {
                answers.put(key, new KnownRecords.Answer(matches.stream().findFirst(), carried));
            }
        }
    }

    /** {@code SELECT id, c1, c2 FROM M WHERE f1 IN ('a', 'b') AND f2 IN ('x', 'y');} */
    private static String query(Group group, List<String> selected, List<Map<String, String>> chunk) {
        StringBuilder q = new StringBuilder("SELECT id");
        selected.forEach(c -> q.append(", ").append(c));
        q.append(" FROM ").append(group.module()).append(" WHERE ");
        String sep = "";
        for (String field : group.fields()) {
            String in = chunk.stream().map(identity -> identity.get(field)).distinct().map(VtigerClient::quote)
                    .collect(Collectors.joining(", "));
            q.append(sep).append(field).append(" IN (").append(in).append(')');
            sep = " AND ";
        }
        return q.append(';').toString();
    }

    private static int encodedLength(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8).length();
    }

}
