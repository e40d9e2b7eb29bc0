package com.mvsync.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The admin's connection settings in SSM Parameter Store, under {@code mvsync.connection.parameter-prefix}:
 * <pre>
 *   &lt;prefix&gt;settings                  String        {"vtiger.url": ..., "vtiger.username": ..., "magento.baseUrl": ...,
 *                                                      "magento.storeCode": ..., "magento.authMode": ...}
 *   &lt;prefix&gt;vtiger/access-key         SecureString  one parameter per secret, encrypted with the account's
 *   &lt;prefix&gt;magento/access-token     SecureString  AWS-managed key (alias/aws/ssm)
 *   &lt;prefix&gt;magento/consumer-key, consumer-secret, token, token-secret   SecureString
 * </pre>
 * The plain settings share one parameter so that everything fits in one page of GetParametersByPath (at most 10
 * parameters a page): a read is one call. Secrets never leave this class except to build connections; nothing here
 * logs or puts a value into an exception.
 */
@ApplicationScoped
public class ConnectionStore {

    private static final Logger LOG = Logger.getLogger(ConnectionStore.class);
    static final String SETTINGS = "settings";

    private final SsmClient ssm;
    private final ObjectMapper json;
    private final String prefix;

    @Inject
    public ConnectionStore(SsmClient ssm, ObjectMapper json, ConnectionConfig config) {
        this(ssm, json, config.parameterPrefix());
    }

    public ConnectionStore(SsmClient ssm, ObjectMapper json, String parameterPrefix) {
        this.ssm = ssm;
        this.json = json;
        String p = parameterPrefix.strip();
        this.prefix = (p.startsWith("/") ? "" : "/") + p + (p.endsWith("/") ? "" : "/");
    }

    /** e.g. {@code /magento-vtiger-sync/}. */
    public String prefix() {
        return prefix;
    }

    /** Every stored setting, read with one GetParametersByPath call (decrypted). */
    public Map<Setting, String> read() {
        Map<Setting, String> out = new EnumMap<>(Setting.class);
        String nextToken = null;
        try {
            do {
                String token = nextToken;
                GetParametersByPathResponse page = ssm.getParametersByPath(b -> b
                        .path(prefix.substring(0, prefix.length() - 1)).recursive(true).withDecryption(true)
                        .maxResults(10).nextToken(token));
                for (Parameter parameter : page.parameters()) {
                    take(parameter, out);
                }
                // Only more parameters than ours (someone else's under the prefix) make a second page.
                nextToken = page.nextToken();
            } while (nextToken != null && !nextToken.isEmpty());
        } catch (SdkException e) {
            throw new ConnectionStoreException("could not read the connection settings under " + prefix
                    + " from SSM Parameter Store", e);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Applies a change: a value stores it, an empty Optional removes it. Returns the stored settings after it. */
    public Map<Setting, String> apply(ConnectionUpdate update) {
        Map<Setting, String> current = read();
        Map<Setting, String> after = new EnumMap<>(Setting.class);
        after.putAll(current);
        boolean plainChanged = false;
        for (Map.Entry<Setting, Optional<String>> change : update.changes().entrySet()) {
            Setting setting = change.getKey();
            Optional<String> value = change.getValue();
            if (setting.secret()) {
                if (value.isPresent()) {
                    put(name(setting), value.get(), ParameterType.SECURE_STRING);
                } else if (current.containsKey(setting)) {
                    delete(name(setting));
                }
            } else {
                plainChanged |= !value.equals(Optional.ofNullable(current.get(setting)));
            }
            value.ifPresentOrElse(v -> after.put(setting, v), () -> after.remove(setting));
        }
        if (plainChanged) {
            ObjectNode doc = json.createObjectNode();
            after.forEach((s, v) -> {
                if (!s.secret()) {
                    doc.put(s.key(), v);
                }
            });
            if (doc.isEmpty()) {
                delete(name(SETTINGS));
            } else {
                put(name(SETTINGS), doc.toString(), ParameterType.STRING);
            }
        }
        return Collections.unmodifiableMap(after);
    }

    private void take(Parameter parameter, Map<Setting, String> out) {
        String relative = parameter.name().startsWith(prefix) ? parameter.name().substring(prefix.length()) : "";
        if (relative.equals(SETTINGS)) {
            readPlain(parameter.value(), out);
            return;
        }
        for (Setting setting : Setting.values()) {
            if (setting.secret() && setting.parameterName().equals(relative) && !parameter.value().isEmpty()) {
                out.put(setting, parameter.value());
            }
        }
    }

    private void readPlain(String value, Map<Setting, String> out) {
        JsonNode doc;
        try {
            doc = json.readTree(value);
        } catch (JsonProcessingException e) {
            LOG.warnf("%s%s is not a JSON object; its settings are ignored", prefix, SETTINGS);
            return;
        }
        for (Setting setting : Setting.values()) {
            JsonNode v = doc == null ? null : doc.get(setting.key());
            if (!setting.secret() && v != null && v.isTextual() && !v.textValue().isBlank()) {
                out.put(setting, v.textValue());
            }
        }
    }

    private void put(String name, String value, ParameterType type) {
        try {
            // No key id: SecureString uses the account's AWS-managed key alias/aws/ssm.
            ssm.putParameter(b -> b.name(name).value(value).type(type).overwrite(true));
        } catch (SdkException e) {
            // Without the cause: an AWS validation message may quote the value it refused.
            throw new ConnectionStoreException("could not save " + name + " in SSM Parameter Store ("
                    + errorCode(e) + ")", null);
        }
    }

    private void delete(String name) {
        try {
            ssm.deleteParameter(b -> b.name(name));
        } catch (ParameterNotFoundException e) {
            // already gone
        } catch (SdkException e) {
            throw new ConnectionStoreException("could not delete " + name + " from SSM Parameter Store", e);
        }
    }

    private static String errorCode(SdkException e) {
        return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
    }

    private String name(Setting setting) {
        return name(setting.parameterName());
    }

    private String name(String relative) {
        return prefix + relative;
    }
}
