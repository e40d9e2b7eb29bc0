package com.mvsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The "Magento field" of a mapping row: a path into the entity as Magento's REST API shapes it.
 * <pre>
 *   email                               a plain field
 *   extension_attributes.is_subscribed  nested objects
 *   addresses[0].city                   an array element
 *   tracks[].track_number               every element's value, joined with ", "
 *   custom_attributes.loyalty_tier      a custom attribute, by attribute code
 *   default_billing.telephone           the customer's default billing address (orders: billing_address)
 *   default_shipping.street             the default shipping address (orders: the shipping assignment's address)
 *   'Web Site'                          a constant (single or double quotes)
 *   firstname + ' ' + lastname          concatenation
 *   label(custom_attributes.color)      the option's label ("Navy") instead of the id Magento stores ("49"); a
 *                                       multiselect's labels joined, a boolean's Yes/No (see {@link Labeler})
 *   default_billing.company ?? firstname + ' ' + lastname
 *                                       the first alternative that is not empty
 * </pre>
 * Arrays of scalars (a street) are joined with ", ". Booleans become "1"/"0", as Vtiger checkboxes expect.
 */
public final class PathExpression {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\[\\d+])*(\\[])?");

    private final String source;
    private final List<List<Term>> alternatives;

    private sealed interface Term permits Constant, Path {
    }

    private record Constant(String value) implements Term {
    }

    /** @param label whether the value is an attribute's option id(s), written as their label */
    private record Path(List<String> segments, boolean label) implements Term {
        String text() {
            return String.join(".", segments);
        }
    }

    /**
     * Turns the stored value of a {@code label(custom_attributes.code)} term into its label(s), or null to leave the
     * term empty. Given by the caller, which knows the entity's type and the Vtiger field (and notes what it could not
     * name).
     */
    @FunctionalInterface
    public interface Labeler {

        /** For expressions read without a Magento connection: a label term is empty. */
        Labeler NONE = (code, stored) -> null;

        String label(String attributeCode, String stored);
    }

    private static final String LABEL_OPEN = "label(";

    private PathExpression(String source, List<List<Term>> alternatives) {
        this.source = source;
        this.alternatives = alternatives;
    }

    public static PathExpression parse(String source) {
        if (source == null || source.isBlank()) {
            throw new InvalidMappingException("the Magento field is empty");
        }
        List<List<Term>> alternatives = new ArrayList<>();
        for (String alternative : splitOutsideQuotes(source, "??")) {
            List<Term> terms = new ArrayList<>();
            for (String part : splitOutsideQuotes(alternative, "+")) {
                terms.add(term(part.trim(), source));
            }
            alternatives.add(List.copyOf(terms));
        }
        return new PathExpression(source, List.copyOf(alternatives));
    }

    /** The first non-empty alternative's value, or null; a {@code label(…)} term is empty. */
    public String evaluate(JsonNode entity, AddressResolver addresses) {
        return evaluate(entity, addresses, Labeler.NONE);
    }

    /** The first non-empty alternative's value, or null; {@code labels} names the options of label terms. */
    public String evaluate(JsonNode entity, AddressResolver addresses, Labeler labels) {
        for (List<Term> terms : alternatives) {
            StringBuilder out = new StringBuilder();
            boolean anyPath = false;
            boolean anyValue = false;
            for (Term term : terms) {
                if (term instanceof Constant c) {
                    out.append(c.value());
                } else if (term instanceof Path p) {
                    anyPath = true;
                    String value = text(resolve(entity, p.segments(), addresses));
                    if (p.label() && value != null && !value.isEmpty()) {
                        value = labels.label(p.segments().get(1), value);
                    }
                    if (value != null && !value.isEmpty()) {
                        anyValue = true;
                        out.append(value);
                    }
                }
            }
            String value = out.toString().strip();
            // A concatenation of paths that all came out empty is empty, not the separators between them.
            if (anyPath && !anyValue) {
                continue;
            }
            if (!value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    /**
     * Whether the entity carries everything the expression reads: each path's first field (for
     * {@code default_billing}/{@code default_shipping}, the address itself). A partial payload (Adobe I/O Events send
     * only subscribed fields) must not overwrite a value it says nothing about, such as an Organization named after
     * the billing company when the addresses were not sent.
     */
    public boolean isDeterminedBy(JsonNode entity, AddressResolver addresses) {
        return pathTerms().allMatch(p -> present(entity, p, addresses));
    }

    /** Whether a term writes an attribute's option labels ({@code label(custom_attributes.code)}). */
    public boolean readsLabels() {
        return pathTerms().anyMatch(Path::label);
    }

    /** Every path the expression reads, in order and once each, as written ({@code default_billing.city}). */
    public List<String> paths() {
        return pathTerms().map(Path::text).distinct().toList();
    }

    /**
     * The paths that keep the expression from being evaluated from this entity, absent as in
     * {@link #isDeterminedBy}: none when some alternative has all of its paths present, or when the expression reads
     * no path at all (a constant); otherwise every absent path. So {@code a ?? b} lacks something only when both
     * {@code a} and {@code b} are absent, {@code firstname + ' ' + lastname} when either is, and {@code a ?? 'x'}
     * when {@code a} is (the constant is only a stand-in).
     */
    public List<String> missingPaths(JsonNode entity, AddressResolver addresses) {
        if (pathTerms().findAny().isEmpty()) {
            return List.of();
        }
        for (List<Term> terms : alternatives) {
            List<Path> paths = terms.stream().filter(Path.class::isInstance).map(Path.class::cast).toList();
            if (!paths.isEmpty() && paths.stream().allMatch(p -> present(entity, p, addresses))) {
                return List.of();
            }
        }
        return pathTerms().filter(p -> !present(entity, p, addresses)).map(Path::text).distinct().toList();
    }

    private Stream<Path> pathTerms() {
        return alternatives.stream().flatMap(List::stream).filter(Path.class::isInstance).map(Path.class::cast);
    }

    private static boolean present(JsonNode entity, Path path, AddressResolver addresses) {
        return rootPresent(entity, path.segments().get(0), addresses);
    }

    private static boolean rootPresent(JsonNode entity, String segment, AddressResolver addresses) {
        String root = segment.contains("[") ? segment.substring(0, segment.indexOf('[')) : segment;
        return switch (root) {
            case "default_billing" -> !addresses.billing(entity).isMissingNode();
            case "default_shipping" -> !addresses.shipping(entity).isMissingNode();
            default -> entity.has(root);
        };
    }

    public String source() {
        return source;
    }

    /** Whether the expression is a constant only (it maps the same value for every entity). */
    public boolean isConstant() {
        return alternatives.stream().flatMap(List::stream).allMatch(t -> t instanceof Constant);
    }

    private static Term term(String part, String source) {
        if (part.length() >= 2 && ((part.startsWith("'") && part.endsWith("'"))
                || (part.startsWith("\"") && part.endsWith("\"")))) {
            return new Constant(part.substring(1, part.length() - 1));
        }
        if (part.isEmpty()) {
            throw new InvalidMappingException("'" + source + "' has an empty part (check the + and ?? operators)");
        }
        if (part.startsWith(LABEL_OPEN) && part.endsWith(")")) {
            String inner = part.substring(LABEL_OPEN.length(), part.length() - 1).strip();
            List<String> segments = List.of(inner.split("\\.", -1));
            // Only custom attributes name options by id; a core field's value (group_id, country_id) is not an
            // attribute option Magento's attribute metadata can name.
            if (segments.size() != 2 || !segments.get(0).equals("custom_attributes")
                    || !SEGMENT.matcher(segments.get(1)).matches() || segments.get(1).contains("[")) {
                throw new InvalidMappingException("'" + source + "': label() names a custom attribute's options,"
                        + " as in label(custom_attributes.color)");
            }
            return new Path(segments, true);
        }
        String[] segments = part.split("\\.", -1);
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new InvalidMappingException("'" + source + "' is not a valid path: '" + segment
                        + "' should be a field name such as firstname, addresses[0], tracks[] or"
                        + " custom_attributes.code;"
                        + " quote constants like 'Web Site'");
            }
        }
        return new Path(List.of(segments), false);
    }

    private static JsonNode resolve(JsonNode entity, List<String> segments, AddressResolver addresses) {
        JsonNode node = entity;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (i == 0 && (segment.equals("default_billing") || segment.equals("default_shipping"))) {
                node = segment.equals("default_billing") ? addresses.billing(entity) : addresses.shipping(entity);
                continue;
            }
            if (segment.equals("custom_attributes") && i + 1 < segments.size() && node.path(segment).isArray()) {
                node = customAttribute(node.path(segment), segments.get(++i));
                continue;
            }
            if (segment.endsWith("[]")) {
                return each(step(node, segment.substring(0, segment.length() - 2)),
                        segments.subList(i + 1, segments.size()), addresses);
            }
            node = step(node, segment);
            if (node.isMissingNode() || node.isNull()) {
                return node;
            }
        }
        return node;
    }

    /** {@code x[].rest}: the rest of the path read from every element of x that has it; missing when none does. */
    private static JsonNode each(JsonNode array, List<String> rest, AddressResolver addresses) {
        com.fasterxml.jackson.databind.node.ArrayNode values =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (JsonNode element : array) {
            JsonNode value = rest.isEmpty() ? element : resolve(element, rest, addresses);
            if (!value.isMissingNode() && !value.isNull()) {
                values.add(value);
            }
        }
        return values.isEmpty() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : values;
    }

    private static JsonNode step(JsonNode node, String segment) {
        int bracket = segment.indexOf('[');
        if (bracket < 0) {
            return node.path(segment);
        }
        JsonNode current = node.path(segment.substring(0, bracket));
        for (String index : segment.substring(bracket + 1, segment.length() - 1).split("]\\[")) {
            current = current.path(Integer.parseInt(index));
        }
        return current;
    }

    private static JsonNode customAttribute(JsonNode attributes, String code) {
        for (JsonNode attribute : attributes) {
            if (code.equals(attribute.path("attribute_code").asText())) {
                return attribute.path("value");
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "1" : "0";
        }
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(n -> {
                String t = text(n);
                if (t != null && !t.isBlank()) {
                    parts.add(t);
                }
            });
            return parts.isEmpty() ? null : String.join(", ", parts);
        }
        if (node.isObject()) {
            return null;
        }
        return node.asText();
    }

    private static List<String> splitOutsideQuotes(String text, String separator) {
        List<String> parts = new ArrayList<>();
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (text.startsWith(separator, i)) {
                parts.add(text.substring(start, i));
                start = i + separator.length();
                i += separator.length() - 1;
            }
        }
        if (quote != 0) {
            throw new InvalidMappingException("'" + text + "' has an unclosed quote");
        }
        parts.add(text.substring(start));
        return parts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathExpression p && p.source.equals(source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source);
    }

    @Override
    public String toString() {
        return source;
    }
}
