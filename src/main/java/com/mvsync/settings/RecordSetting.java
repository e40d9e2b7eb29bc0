package com.mvsync.settings;

import static com.mvsync.text.Text.abbreviate;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.mapping.InvalidMappingException;
import com.mvsync.mapping.PathExpression;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each field of the {@link RecordPolicy}: its name in the API, its attribute in the settings item, its type, default
 * and checks, declared once as a {@link SettingField}: {@code PUT /admin/settings} parses {@code records} with it,
 * {@link SettingsStore} reads and writes the item with it, and the console draws its form from {@link #describe()}.
 */
public enum RecordSetting implements SettingField {

    ALWAYS_FETCH("alwaysFetch", "always_fetch", Boolean.class, false),
    FIRST_LINK("firstLink", "first_link", FirstLink.class, FirstLink.MAGENTO_WINS, FirstLink.wireNames(),
            FirstLink::parse),
    MISSING_CURRENCY("missingCurrency", "missing_currency", MissingCurrency.class, MissingCurrency.DEAD_LETTER,
            MissingCurrency.wireNames(), MissingCurrency::parse),
    /** A mapping expression naming a personal Organization whose name another customer's has taken. */
    ORGANIZATION_NAME_WHEN_TAKEN("organizationNameWhenTaken", "organization_name_when_taken", String.class,
            RecordPolicy.DEFAULT_ORGANIZATION_NAME_WHEN_TAKEN) {
        @Override
        public String type() {
            return "expression";
        }

        @Override
        Object parse(JsonNode value) {
            String text = text(value);
            try {
                PathExpression.parse(text);
            } catch (InvalidMappingException e) {
                throw new InvalidSettingsException(field() + ": " + e.getMessage());
            }
            return text;
        }

        @Override
        void check(Object value) {
            if (value == null || ((String) value).isBlank()) {
                throw invalid("must be a mapping expression, e.g. "
                        + RecordPolicy.DEFAULT_ORGANIZATION_NAME_WHEN_TAKEN);
            }
        }
    },
    /** What replaces each character Vtiger's utf8mb3 tables cannot store; at most {@link #MAX_SUBSTITUTE_LENGTH}. */
    UNSTORABLE_CHARACTER("unstorableCharacter", "unstorable_character", String.class,
            RecordPolicy.DEFAULT_UNSTORABLE_CHARACTER) {
        @Override
        public Integer maxLength() {
            return RecordPolicy.MAX_SUBSTITUTE_LENGTH;
        }

        @Override
        void check(Object value) {
            String text = (String) value;
            if (text == null || text.codePointCount(0, text.length()) > RecordPolicy.MAX_SUBSTITUTE_LENGTH) {
                throw invalid("must be a string of at most " + RecordPolicy.MAX_SUBSTITUTE_LENGTH
                        + " characters (\"\" drops the character)");
            }
            if (text.codePoints().anyMatch(c -> c > 0xFFFF)) {
                throw invalid("must itself be storable in Vtiger: no emoji or other character outside the Basic"
                        + " Multilingual Plane");
            }
        }
    },
    /**
     * Two-way sync: the Vtiger poll makes a Magento customer of a Contact no customer is linked to (found by its
     * e-mail and linked, else created and linked); off, such Contacts are only listed.
     */
    CONTACTS_CREATE_CUSTOMERS("contactsCreateCustomers", "contacts_create_customers", Boolean.class, false);

    private final Declared declared;
    private final Class<?> javaType;
    private final List<String> choices;
    /** A choice's value from its wire name (or its enum name, as stored); null for other types. */
    private final Function<String, Optional<?>> choice;

    RecordSetting(String wire, String attribute, Class<?> javaType, Object defaultValue) {
        this(wire, attribute, javaType, defaultValue, List.of(), null);
    }

    RecordSetting(String wire, String attribute, Class<?> javaType, Object defaultValue, List<String> choices,
            Function<String, Optional<?>> choice) {
        this.declared = new Declared(wire, attribute, defaultValue);
        this.javaType = javaType;
        this.choices = choices;
        this.choice = choice;
    }

    @Override
    public Declared declared() {
        return declared;
    }

    /** The value checked to be of this setting's type (a wrong one is a programming error). */
    Object cast(Object value) {
        return javaType.cast(value);
    }

    /** The value a PUT gives (not null); a wrong one is an {@link InvalidSettingsException} naming the field. */
    Object parse(JsonNode value) {
        if (javaType == Boolean.class) {
            if (!value.isBoolean()) {
                throw invalid("must be true or false");
            }
            return value.booleanValue();
        }
        String text = text(value);
        if (choice == null) {
            return text;
        }
        return choice.apply(text).orElseThrow(() -> invalid("must be \"" + String.join("\" or \"", choices)
                + "\", not " + abbreviate(text)));
    }

    @Override
    public Optional<Object> read(AttributeValue value) {
        if (javaType == Boolean.class) {
            return Optional.ofNullable(value.bool());
        }
        Optional<String> text = Optional.ofNullable(value.s());
        return choice == null ? text.map(Object.class::cast) : text.flatMap(choice).map(Object.class::cast);
    }

    @Override
    public AttributeValue write(Object value) {
        if (javaType == Boolean.class) {
            return AttributeValue.fromBool((Boolean) value);
        }
        return AttributeValue.fromS(value instanceof Enum<?> e ? e.name() : (String) value);
    }

    /** Whether a policy may hold the value; every policy is checked field by field when it is built. */
    void check(Object value) {
        if (choice != null && value == null) {
            throw invalid("must be one of " + choices);
        }
    }

    @Override
    public String type() {
        return javaType == Boolean.class ? "boolean" : javaType.isEnum() ? "choice" : "text";
    }

    @Override
    public List<String> choices() {
        return choices;
    }

    String field() {
        return "records." + wire();
    }

    InvalidSettingsException invalid(String problem) {
        return new InvalidSettingsException(field() + " " + problem);
    }

    String text(JsonNode value) {
        if (!value.isTextual()) {
            throw invalid("must be a string");
        }
        return value.textValue();
    }
}
