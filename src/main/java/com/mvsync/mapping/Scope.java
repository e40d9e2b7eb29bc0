package com.mvsync.mapping;

import static com.mvsync.text.Text.abbreviate;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a configured value applies, as Magento's own configuration scopes: {@code default} (every website), a
 * website ({@code website:<code>}) or a store view ({@code store:<code>}), named by Magento's codes. A store view
 * inherits from its website, a website from the default; a scope holds only what it overrides.
 */
public record Scope(Level level, String code) {

    /** The levels, general to specific. */
    public enum Level {
        DEFAULT, WEBSITE, STORE;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Scope DEFAULT = new Scope(Level.DEFAULT, "");

    /** Magento's codes: a letter, then letters, digits and underscores (Magento\Store\Model\Validation). */
    private static final Pattern CODE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,31}");

    public Scope {
        if (level == null) {
            throw new IllegalArgumentException("no scope level");
        }
        code = level == Level.DEFAULT ? "" : code;
        if (level != Level.DEFAULT && (code == null || !CODE.matcher(code).matches())) {
            throw new IllegalArgumentException("not a Magento code: " + code);
        }
    }

    public static Scope website(String code) {
        return new Scope(Level.WEBSITE, code);
    }

    public static Scope store(String code) {
        return new Scope(Level.STORE, code);
    }

    /**
     * Whether a website or store view may override the type's rows: not Products, which Vtiger holds once per SKU
     * while Magento shares a product between websites (its REST product names no one website).
     */
    public static boolean scopes(RecordType type) {
        return !type.module().equals(RecordType.PRODUCT.module());
    }

    public boolean isDefault() {
        return level == Level.DEFAULT;
    }

    /** {@code default}, {@code website:eu}, {@code store:eu_de}: the API's and the stored form. */
    public String wire() {
        return isDefault() ? "default" : level.wire() + ":" + code;
    }

    /**
     * The scope a {@code scope} parameter names; absent or blank is the default.
     *
     * @throws InvalidMappingException naming the expected forms
     */
    public static Scope parse(String text) {
        return find(text).orElseThrow(() -> new InvalidMappingException("scope must be 'default', 'website:<code>'"
                + " or 'store:<code>' (Magento's website or store view code), not '"
                + abbreviate(text) + "'"));
    }

    /** The scope named by {@code text}, empty when it names none. */
    public static Optional<Scope> find(String text) {
        if (text == null || text.isBlank() || text.strip().equals("default")) {
            return Optional.of(DEFAULT);
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String level = text.substring(0, colon);
        String code = text.substring(colon + 1);
        if (!CODE.matcher(code).matches()) {
            return Optional.empty();
        }
        return switch (level) {
            case "website" -> Optional.of(website(code));
            case "store" -> Optional.of(store(code));
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return wire();
    }
}
