package com.mvsync.queue;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expression helpers: every attribute is written {@code #name} so no name can collide with one of DynamoDB's many
 * reserved words (status, version, owner...), and the name map is derived from the expressions themselves.
 */
final class Expressions {

    private static final Pattern NAME = Pattern.compile("#(\\w+)");

    private Expressions() {
    }

    static Map<String, String> names(String... expressions) {
        Map<String, String> names = new HashMap<>();
        for (String expression : expressions) {
            if (expression == null) {
                continue;
            }
            Matcher m = NAME.matcher(expression);
            while (m.find()) {
                names.put("#" + m.group(1), m.group(1));
            }
        }
        return names;
    }
}
