package com.mvsync.magento;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns raw request bytes into a JSON object, rejecting anything a webhook sender should not send. */
final class JsonBodyReader {

    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final ObjectMapper mapper;

    JsonBodyReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidPayloadException("empty body; expected a JSON object");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new InvalidPayloadException("body too large: " + body.length + " bytes; the limit is "
                    + MAX_BODY_BYTES + " bytes (1 MiB)");
        }
        String text = decodeUtf8(body);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // tolerate a UTF-8 BOM; some PHP templates emit one
        }
        JsonNode root = parse(text);
        if (!(root instanceof ObjectNode object)) {
            throw new InvalidPayloadException("body is a JSON " + Json.typeName(root)
                    + "; expected a JSON object");
        }
        return object;
    }

    /** Strict: a lenient decoder would silently replace bad bytes and corrupt names/addresses. */
    private static String decodeUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidPayloadException("body is not valid UTF-8 (" + e.getMessage()
                    + "); expected a UTF-8 encoded JSON object");
        }
    }

    private JsonNode parse(String text) {
        try (JsonParser parser = mapper.createParser(text)) {
            JsonNode root = mapper.readTree(parser);
            if (root == null || root.isMissingNode()) {
                throw new InvalidPayloadException("body contains no JSON value; expected a JSON object");
            }
            // readTree stops after the first value; trailing garbage means a broken template or concatenated bodies
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new InvalidPayloadException("unexpected content after the JSON object at line "
                        + at.getLineNr() + ", column " + at.getColumnNr() + "; expected exactly one JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidPayloadException("malformed JSON" + where + ": " + firstLine(e.getOriginalMessage())
                    + "; expected a JSON object", e);
        } catch (IOException e) {
            throw new InvalidPayloadException("could not read body: " + e.getMessage(), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
