package com.mvsync.magento;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** Reads the shared Magento samples from the test classpath (src/test/resources/magento). */
final class Samples {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Samples() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = Samples.class.getResourceAsStream("/magento/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode json(String path) {
        try {
            return (ObjectNode) MAPPER.readTree(bytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample with an edit applied, serialised back to bytes. */
    static byte[] edited(String path, Consumer<ObjectNode> edit) {
        ObjectNode node = json(path);
        edit.accept(node);
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
