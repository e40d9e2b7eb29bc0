package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a drain batch found in Vtiger by its bulk lookups ({@link BatchLookup}), for {@link RecordWriter}'s lookup of
 * an unlinked record to use instead of its own query. Answers live only while their batch is open (the drain closes
 * it when the batch's items are settled), so nothing is carried from one run to the next.
 *
 * <p>Each answer is handed out once: the first record with that identity gets it, a second one (two customers with
 * the same e-mail, or the same company) runs its own query, which sees what the first created. An answer kept for the
 * second would be out of date as soon as the first one created or revised the record.
 */
@ApplicationScoped
public class KnownRecords {

    /**
     * Found in Vtiger ({@code row} with id and {@code columns}), or known absent ({@code row} empty).
     */
    public record Answer(Optional<JsonNode> row, Set<String> columns) {
        public Answer {
            columns = Set.copyOf(columns);
        }
    }

    /** A module and identity values, compared like Vtiger's MariaDB compares them (case and trailing spaces). */
    record Key(String module, Map<String, String> identity) {
        static Key of(String module, Map<String, String> stored) {
            Map<String, String> folded = new TreeMap<>();
            stored.forEach((field, value) -> folded.put(field, fold(value)));
            return new Key(module, Map.copyOf(folded));
        }
    }

    private final Map<Key, Answer> answers = new ConcurrentHashMap<>();

    /** An open batch: {@link #close} drops what none of its records took. */
    public final class Batch implements AutoCloseable {
        private final Map<Key, Answer> own;

        private Batch(Map<Key, Answer> own) {
            this.own = Map.copyOf(own);
            answers.putAll(this.own);
        }

        /** How many identities this batch has answers for. */
        public int size() {
            return own.size();
        }

        @Override
        public void close() {
            own.forEach(answers::remove);
        }
    }

    /** Makes the answers available until the returned batch is closed. */
    public Batch open(Map<Key, Answer> found) {
        return new Batch(found);
    }

    /** A batch without answers. */
    public Batch none() {
        return new Batch(Map.of());
    }

    /**
     * The answer for a record with these identity values (stored forms), if a batch has one that carries every
     * {@code compared} column (what a first link revises); empty when the caller must query Vtiger itself.
     */
    public Optional<Answer> take(String module, Map<String, String> stored, Collection<String> compared) {
        if (answers.isEmpty()) {
            return Optional.empty();
        }
        Answer answer = answers.remove(Key.of(module, stored));
        if (answer == null || (answer.row().isPresent() && !answer.columns().containsAll(
                compared.stream().filter(f -> !f.equals("id")).toList()))) {
            return Optional.empty();
        }
        return Optional.of(answer);
    }

    /**
     * How Vtiger 8.2.0's MariaDB (utf8_general_ci, PAD SPACE) tells values apart, as far as folding case and trailing
     * spaces goes; it also folds accents, which this does not: {@link BatchLookup} leaves a batch unanswered when a row
     * matches none of its values this way.
     */
    static String fold(String value) {
        return value == null ? "" : value.stripTrailing().toLowerCase(Locale.ROOT);
    }

}
