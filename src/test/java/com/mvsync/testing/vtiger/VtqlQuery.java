package com.mvsync.testing.vtiger;

import com.mvsync.testing.vtiger.ModuleCatalog.FieldMeta;
import com.mvsync.testing.vtiger.ModuleCatalog.ModuleMeta;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The VTQL subset clients use:
 * {@code SELECT * | col[, col…] | count(*) FROM Module [WHERE col op 'v' [AND|OR …]] [ORDER BY col[, col…]
 * [ASC|DESC]] [LIMIT n | LIMIT offset, n];} with ops = != <> < > <= >= LIKE IN(…). As in Vtiger's VTQL_parser.y,
 * ORDER BY takes a column list and one ASC/DESC, which Vtiger appends after the list: it applies to the last column
 * only ({@code ORDER BY modifiedtime, id DESC} is MySQL's {@code modifiedtime ASC, crmid DESC}). Ties keep crmid
 * order here; MySQL leaves them unordered (a recording shows 12x16 before 12x13 in one second), so a client that
 * pages by a column with ties must add {@code id}.
 * Comparisons are on strings and case-insensitive (MySQL's default collation); &lt; &gt; compare numbers when
 * both sides are numeric. At most 100 rows come back, like Vtiger 8.2.0.
 */
final class VtqlQuery {
    static final int MAX_ROWS = 100;
    private static final String DENIED_QUERY = "for query";

    private enum Kind { WORD, NUMBER, STRING, SYMBOL }

    private record Token(Kind kind, String text) {
        boolean is(String s) {
            return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equalsIgnoreCase(s);
        }
    }

    private final List<String> columns; // empty = *
    private final boolean count;
    private final String module;
    private final Predicate<Map<String, Object>> where;
    private final Set<String> whereColumns;
    private final List<String> orderBy;
    private final boolean descending;
    private final int offset;
    private final int limit;

    private VtqlQuery(Parser p) {
        this.columns = p.columns;
        this.count = p.count;
        this.module = p.module;
        this.where = p.where;
        this.whereColumns = p.whereColumns;
        this.orderBy = p.orderBy;
        this.descending = p.descending;
        this.offset = p.offset;
        this.limit = Math.min(p.limit, MAX_ROWS);
    }

    String module() {
        return module;
    }

    static VtqlQuery parse(String query) {
        String q = query == null ? "" : query.trim();
        List<Token> tokens;
        try {
            tokens = tokenize(q);
        } catch (IllegalArgumentException e) {
            throw VtigerError.accessDenied(DENIED_QUERY);
        }
        if (tokens.isEmpty() || !tokens.get(tokens.size() - 1).is(";")) {
            String last = tokens.isEmpty() ? "" : tokens.get(tokens.size() - 1).text();
            throw new VtigerError("QUERY_SYNTAX_ERROR", "Syntax Error on line 1: token '" + last
                    + "' Unexpected End of Input(0), expected one of: SEMICOLON");
        }
        return new VtqlQuery(new Parser(tokens).parse());
    }

    /** Module names are checked before columns, like Vtiger; rows come in crmid order before ORDER BY. */
    List<Map<String, Object>> execute(ModuleCatalog catalog, Function<String, List<Map<String, Object>>> rowsOf) {
        // Actor modules such as Currency answer queries too (VtigerActorOperation); the others here are entities.
        ModuleMeta m = catalog.module(module).filter(x -> x.isEntity() || x.name().equals("Currency"))
                .orElseThrow(() -> VtigerError.accessDenied("for name : " + module));
        Set<String> known = m.fields().stream().map(FieldMeta::name).collect(Collectors.toSet());
        List<String> used = new ArrayList<>(columns);
        used.addAll(whereColumns);
        used.addAll(orderBy);
        for (String c : used) {
            if (!known.contains(c)) {
                throw new VtigerError("ACCESS_DENIED", "Permission to access '." + c + ".' attribute denied.");
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>(rowsOf.apply(m.name()).stream().filter(where).toList());
        if (count) {
            // One row, the count as a string (a stock 8.2.0 answers [{"count":"105"}]; an older recording showed []).
            return List.of(new LinkedHashMap<>(Map.of("count", Integer.toString(rows.size()))));
        }
        if (!orderBy.isEmpty()) {
            Comparator<Map<String, Object>> cmp = null;
            for (int i = 0; i < orderBy.size(); i++) {
                String column = orderBy.get(i);
                Comparator<Map<String, Object>> one = (a, b) -> compare(a.get(column), b.get(column), column.equals("id"));
                if (descending && i == orderBy.size() - 1) {
                    one = one.reversed();
                }
                cmp = cmp == null ? one : cmp.thenComparing(one);
            }
            rows.sort(cmp);
        }
        List<Map<String, Object>> page = rows.subList(Math.min(offset, rows.size()), Math.min(offset + limit, rows.size()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : page) {
            out.add(project(row, m));
        }
        return out;
    }

    private Map<String, Object> project(Map<String, Object> row, ModuleMeta m) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (columns.isEmpty()) {
            Set<String> describe = m.fields().stream().map(FieldMeta::name).collect(Collectors.toSet());
            // the row also carries stored fields for column selection; SELECT * gives the recorded column set
            row.forEach((k, v) -> {
                if (describe.contains(k) || List.of("image", "purchase_cost", "margin").contains(k)) {
                    out.put(k, v);
                }
            });
            if (m.isInventory()) {
                out.keySet().removeAll(List.of("hdnDiscountPercent", "hdnDiscountAmount"));
                out.keySet().removeAll(RecordViews.SHIPPING_FIELDS);
            }
            return out;
        }
        for (String c : columns) {
            out.put(c, row.get(c));
        }
        // The id comes along, after the selected columns, when it was not selected (the parser adds the id column).
        out.putIfAbsent("id", row.get("id"));
        return out;
    }

    private static int compare(Object a, Object b, boolean byCrmid) {
        String x = a == null ? "" : a.toString();
        String y = b == null ? "" : b.toString();
        if (byCrmid) {
            x = x.substring(x.indexOf('x') + 1);
            y = y.substring(y.indexOf('x') + 1);
        }
        if (ValueFormat.isNumeric(x) && ValueFormat.isNumeric(y)) {
            return new BigDecimal(x).compareTo(new BigDecimal(y));
        }
        return x.compareToIgnoreCase(y);
    }

    private static List<Token> tokenize(String q) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (j < q.length() && q.charAt(j) != c) {
                    if (q.charAt(j) == '\\' && j + 1 < q.length()) {
                        j++;
                    }
                    sb.append(q.charAt(j++));
                }
                if (j >= q.length()) {
                    throw new IllegalArgumentException("unterminated string");
                }
                out.add(new Token(Kind.STRING, sb.toString()));
                i = j + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < q.length() && (Character.isLetterOrDigit(q.charAt(j)) || "_&.".indexOf(q.charAt(j)) >= 0)) {
                    j++;
                }
                out.add(new Token(Kind.WORD, q.substring(i, j)));
                i = j;
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < q.length() && Character.isDigit(q.charAt(i + 1)))) {
                int j = i + 1;
                while (j < q.length() && (Character.isDigit(q.charAt(j)) || q.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Token(Kind.NUMBER, q.substring(i, j)));
                i = j;
            } else {
                String two = i + 1 < q.length() ? q.substring(i, i + 2) : "";
                if (List.of("!=", "<>", "<=", ">=").contains(two)) {
                    out.add(new Token(Kind.SYMBOL, two));
                    i += 2;
                } else if ("*,();=<>".indexOf(c) >= 0) {
                    out.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                    i++;
                } else {
                    throw new IllegalArgumentException("unexpected " + c);
                }
            }
        }
        return out;
    }

    /** Recursive-descent parser; any grammar violation is Vtiger's "denied for query". */
    private static final class Parser {
        private final List<Token> tokens;
        private int pos;
        List<String> columns = new ArrayList<>();
        boolean count;
        String module;
        Predicate<Map<String, Object>> where = r -> true;
        Set<String> whereColumns = new java.util.LinkedHashSet<>();
        List<String> orderBy = new ArrayList<>();
        boolean descending;
        int offset;
        int limit = MAX_ROWS;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        Parser parse() {
            expect("SELECT");
            if (accept("*")) {
                // all columns
            } else if (peek().is("count") && tokens.size() > pos + 3 && tokens.get(pos + 1).is("(")) {
                pos++;
                expect("(");
                expect("*");
                expect(")");
                count = true;
            } else {
                do {
                    columns.add(word());
                } while (accept(","));
            }
            expect("FROM");
            module = word();
            if (accept("WHERE")) {
                where = orExpr();
            }
            if (accept("ORDER")) {
                expect("BY");
                do {
                    orderBy.add(word());
                } while (accept(","));
                if (accept("DESC")) {
                    descending = true;
                } else {
                    accept("ASC");
                }
            }
            if (accept("LIMIT")) {
                int first = number();
                if (accept(",")) {
                    offset = first;
                    limit = number();
                } else {
                    limit = first;
                }
            }
            expect(";");
            if (pos != tokens.size()) {
                throw fail();
            }
            return this;
        }

        private Predicate<Map<String, Object>> orExpr() {
            Predicate<Map<String, Object>> p = andExpr();
            while (accept("OR")) {
                p = p.or(andExpr());
            }
            return p;
        }

        private Predicate<Map<String, Object>> andExpr() {
            Predicate<Map<String, Object>> p = primary();
            while (accept("AND")) {
                p = p.and(primary());
            }
            return p;
        }

        private Predicate<Map<String, Object>> primary() {
            if (accept("(")) {
                Predicate<Map<String, Object>> p = orExpr();
                expect(")");
                return p;
            }
            String col = word();
            whereColumns.add(col);
            if (accept("IN")) {
                expect("(");
                List<String> values = new ArrayList<>();
                do {
                    values.add(value().toLowerCase(Locale.ROOT));
                } while (accept(","));
                expect(")");
                return r -> values.contains(text(r, col).toLowerCase(Locale.ROOT));
            }
            boolean not = accept("NOT");
            if (accept("LIKE")) {
                Pattern like = likePattern(value());
                Predicate<Map<String, Object>> p = r -> like.matcher(text(r, col)).matches();
                return not ? p.negate() : p;
            }
            if (not) {
                throw fail();
            }
            Token op = next();
            String v = value();
            return switch (op.text()) {
                case "=" -> r -> text(r, col).equalsIgnoreCase(v);
                case "!=", "<>" -> r -> !text(r, col).equalsIgnoreCase(v);
                case "<" -> r -> compare(r.get(col), v, false) < 0;
                case ">" -> r -> compare(r.get(col), v, false) > 0;
                case "<=" -> r -> compare(r.get(col), v, false) <= 0;
                case ">=" -> r -> compare(r.get(col), v, false) >= 0;
                default -> throw fail();
            };
        }

        private static String text(Map<String, Object> row, String col) {
            Object v = row.get(col);
            return v == null ? "" : v.toString();
        }

        private static Pattern likePattern(String like) {
            StringBuilder re = new StringBuilder();
            for (char c : like.toCharArray()) {
                switch (c) {
                    case '%' -> re.append(".*");
                    case '_' -> re.append('.');
                    default -> re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        }

        private String value() {
            Token t = next();
            if (t.kind() == Kind.STRING || t.kind() == Kind.NUMBER) {
                return t.text();
            }
            throw fail();
        }

        private String word() {
            Token t = next();
            if (t.kind() != Kind.WORD) {
                throw fail();
            }
            return t.text();
        }

        private int number() {
            Token t = next();
            if (t.kind() != Kind.NUMBER) {
                throw fail();
            }
            try {
                return Integer.parseInt(t.text());
            } catch (NumberFormatException e) {
                throw fail();
            }
        }

        private Token peek() {
            return pos < tokens.size() ? tokens.get(pos) : new Token(Kind.SYMBOL, "");
        }

        private Token next() {
            if (pos >= tokens.size()) {
                throw fail();
            }
            return tokens.get(pos++);
        }

        private boolean accept(String s) {
            if (peek().is(s)) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(String s) {
            if (!accept(s)) {
                throw fail();
            }
        }

        private static VtigerError fail() {
            return VtigerError.accessDenied(DENIED_QUERY);
        }
    }
}
