package com.mvsync.testing.vtiger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * PHP's {@code htmlentities($s, ENT_QUOTES, 'UTF-8')}, which Vtiger applies to record labels: the answers show
 * "Zo&amp;euml; Limit255" and "Gift ???? ???? &amp;mdash; ok 山田" while the fields themselves come back plain
 * (14_create_Contacts_*). Characters without an HTML 4.01 name (CJK, '#') stay as they are.
 */
final class HtmlEntities {
    private static final String FILE = "vtiger/html401_entities.tsv";
    private static final Map<Integer, String> NAMES = load();

    private HtmlEntities() {
    }

    static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(cp -> {
            String name = NAMES.get(cp);
            if (cp == '\'') {
                out.append("&#039;"); // ENT_QUOTES; HTML 4.01 has no name for it
            } else if (name != null) {
                out.append('&').append(name).append(';');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static Map<Integer, String> load() {
        try (InputStream in = HtmlEntities.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath file " + FILE);
            }
            Map<Integer, String> out = new HashMap<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] c = line.split("\t");
                    out.put(Integer.valueOf(c[0]), c[1]);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
