package com.mvsync.store;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The words an admin may search a sync log entry's entity by, each normalised as {@link #normalise} normalises a
 * query: the whole label and its parts ("maria keller", "maria@example.com", "mug-1", "000000042"), each word of it,
 * the Magento id, the Vtiger ids and the Vtiger records' names. Exact terms, no prefixes: one item per term keeps a
 * search one Query.
 */
public final class SearchTerms {

    /** BatchWriteItem's limit: the terms of one entry are one request. */
    static final int MAX = BatchWrite.MAX;
    private static final int MAX_LENGTH = 200;

    private SearchTerms() {
    }

    /** Lower case, inner whitespace as one space, a leading '#' (of an order number) dropped. */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return t.startsWith("#") ? t.substring(1).strip() : t;
    }

    /**
     * The term of the entries with a conflict: never a normalised word (those never start with '#'), so no label
     * finds them; first, so the limit never drops it.
     */
    static final String CONFLICTS = "#conflict";

    /**
     * The term of the entries with a result other than synced ({@code #failed}, {@code #dead}, {@code #skipped}): the
     * Report's filter on such a result reads them, not the days' entries until enough are found. Synced entries are
     * the bulk of each day and are read by day.
     */
    static Optional<String> resultMark(Outcome result) {
        return result == null || result == Outcome.SYNCED ? Optional.empty() : Optional.of("#" + result.wire());
    }

    static List<String> of(LogLine line, Map<String, String> vtigerIds) {
        Set<String> terms = new LinkedHashSet<>();
        resultMark(line.result()).ifPresent(terms::add);
        if (line.hasConflict()) {
            terms.add(CONFLICTS);
        }
        terms.addAll(entity(line.magentoId(), line.label()));
        (vtigerIds == null ? Map.<String, String>of() : vtigerIds).values().forEach(id -> add(terms, id));
        line.written().recordNames().values().forEach(name -> add(terms, name));
        return terms.stream().limit(MAX).toList();
    }

    /** The terms of an entity by its Magento id and display label only (a queue item's: it has no Vtiger records). */
    public static List<String> of(String magentoId, String label) {
        return entity(magentoId, label).stream().limit(MAX).toList();
    }

    private static Set<String> entity(String magentoId, String label) {
        Set<String> terms = new LinkedHashSet<>();
        add(terms, magentoId);
        if (label != null) {
            add(terms, label);
            for (String part : label.split("[·<>]")) {
                add(terms, part);
                for (String word : part.strip().split("\\s+")) {
                    add(terms, word);
                }
            }
        }
        return terms;
    }

    private static void add(Set<String> terms, String text) {
        String t = normalise(text);
        if (!t.isEmpty() && t.length() <= MAX_LENGTH) {
            terms.add(t);
        }
    }
}
