package com.mvsync.testing.vtiger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The recorded Vtiger 8.2.0 answers, read from the test classpath (vtiger/recorded/), never from the shared folder. */
final class RecordedSamples {
    static final String BASE = "vtiger/recorded/";
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private RecordedSamples() {
    }

    static JsonNode load(String fileName) {
        try (InputStream in = RecordedSamples.class.getClassLoader().getResourceAsStream(BASE + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded sample " + fileName);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The successful result of a recorded sample, as plain Java maps/lists (fresh copy each call). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> result(String fileName) {
        JsonNode result = load(fileName).path("response").path("json").path("result");
        return JSON.convertValue(result, LinkedHashMap.class);
    }

    /** All sample file names (*.json), sorted; the test resources are a directory on the test classpath. */
    static List<String> fileNames() {
        URL dir = RecordedSamples.class.getClassLoader().getResource(BASE);
        if (dir == null) {
            throw new IllegalStateException("missing classpath folder " + BASE);
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
