package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a drain batch found in Vtiger by its bulk lookups ({@link BatchLookup}), for {@link RecordWriter}'s lookup of
 * an unlinked record to use instead of its own query. Answers live only while their batch is open (the drain closes
 * it when the batch's items are settled), so nothing is carried from one run to the next.
 *
 * <p>Each answer is handed out once. A record created on an "absent" answer is kept as the batch's answer for that
 * identity, so the next record with the same identity in the batch (two customers with one e-mail, or one company)
 * links it without a query; one that asks while the first is still being created finds no answer and queries Vtiger,
 * as without a batch. A found record is not handed out twice: its first taker may revise it.
 */
@ApplicationScoped
public class KnownRecords {

    /** A record found in Vtiger ({@code row}: id and {@code columns}), or known absent ({@code row} empty). */
    public record Answer(Optional<JsonNode> row, Set<String> columns) {
        public Answer {
            columns = Set.copyOf(columns);
        }
    }

    /** A module and identity values (stored forms), folded the way Vtiger's MariaDB compares them. */
    public record Key(String module, Map<String, String> identity) {
        static Key of(String module, Map<String, String> stored) {
            Map<String, String> folded = new TreeMap<>();
            stored.forEach((field, value) -> folded.put(field, fold(value)));
            return new Key(module, Map.copyOf(folded));
        }
    }

    /** An answer and the batch it belongs to. */
    private record Held(Answer answer, Batch batch) {
    }

    /** An answer taken by a record's lookup: the writer reports what it created on it. */
    public record Taken(Answer answer, Key key, Batch batch) {
    }

    private final Map<Key, Held> answers = new ConcurrentHashMap<>();

    /** An open batch: {@link #close} drops what is left of its answers. */
    public final class Batch implements AutoCloseable {
        private final AtomicBoolean open = new AtomicBoolean(true);

        /** Makes more answers available while the batch is open; none once it is closed. */
        public void add(Map<Key, Answer> found) {
            found.forEach((key, answer) -> {
                Held held = new Held(answer, this);
                answers.put(key, held);
                if (!open.get()) {
                    answers.remove(key, held); // closed meanwhile
                }
            });
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                answers.values().removeIf(held -> held.batch() == this);
            }
        }
    }

    /** Makes the answers available until the returned batch is closed. */
    public Batch open(Map<Key, Answer> found) {
        Batch batch = new Batch();
        batch.add(found);
        return batch;
    }

    /** A batch without answers. */
    public Batch none() {
        return new Batch();
    }

    /**
     * The answer for a record with these identity values (stored forms), if an open batch has one that carries every
     * {@code compared} column (what a first link revises); empty when the caller must query Vtiger itself.
     */
    public Optional<Taken> take(String module, Map<String, String> stored, Collection<String> compared) {
        if (answers.isEmpty()) {
            return Optional.empty();
        }
        Key key = Key.of(module, stored);
        Held held = answers.remove(key);
        if (held == null || (held.answer().row().isPresent() && !held.answer().columns().containsAll(
                compared.stream().filter(f -> !f.equals("id")).toList()))) {
            return Optional.empty();
        }
        return Optional.of(new Taken(held.answer(), key, held.batch()));
    }

    /** The record made on an "absent" answer becomes its batch's answer for that identity (while the batch is open). */
    public void created(Taken taken, JsonNode record) {
        if (taken.answer().row().isEmpty() && taken.batch().open.get()) {
            Set<String> columns = new HashSet<>();
            record.fieldNames().forEachRemaining(columns::add);
            Held held = new Held(new Answer(Optional.of(record), columns), taken.batch());
            answers.putIfAbsent(taken.key(), held);
            if (!taken.batch().open.get()) {
                answers.remove(taken.key(), held); // closed meanwhile
            }
        }
    }

    /**
     * How Vtiger 8.2.0's MariaDB (utf8_general_ci, PAD SPACE) tells values apart, as far as case and trailing spaces
     * go; it also folds accents, which this does not: {@link BatchLookup} leaves a chunk unanswered when a row matches
     * none of the values asked for this way.
     */
    static String fold(String value) {
        return value == null ? "" : value.stripTrailing().toLowerCase(Locale.ROOT);
    }
}
