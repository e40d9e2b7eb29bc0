package com.mvsync.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * What the console needs to sign in, served as {@code /console/config.json}: {@code {"auth": "token"}} in the local
 * run (the page asks for MVSYNC_LOCAL_ADMIN_TOKEN), or {@code {"auth": "cognito", "domain", "clientId", "apiBase"}}
 * in AWS. The template writes the Cognito settings to an SSM parameter ({@code mvsync.console.config-parameter})
 * rather than to the function's environment: the app client's callback names the console's API, which names this
 * function, so an environment reference would be a cycle.
 */
@ApplicationScoped
public class ConsoleSettings {

    private static final Logger LOG = Logger.getLogger(ConsoleSettings.class);
    private static final Duration TTL = Duration.ofMinutes(5);

    private final Optional<String> parameter;
    private final Instance<SsmClient> ssm;
    private final ObjectMapper json;
    private volatile ObjectNode cached;
    private volatile Instant readAt = Instant.EPOCH;

    public ConsoleSettings(@ConfigProperty(name = "mvsync.console.config-parameter") Optional<String> parameter,
            Instance<SsmClient> ssm, ObjectMapper json) {
        this.parameter = parameter.filter(p -> !p.isBlank());
        this.ssm = ssm;
        this.json = json;
    }

    public ObjectNode current() {
        if (parameter.isEmpty()) {
            return json.createObjectNode().put("auth", "token");
        }
        ObjectNode c = cached;
        if (c != null && Instant.now().isBefore(readAt.plus(TTL))) {
            return c;
        }
        try {
            String value = ssm.get().getParameter(b -> b.name(parameter.get())).parameter().value();
            JsonNode read = json.readTree(value);
            ObjectNode out = json.createObjectNode().put("auth", "cognito");
            for (String name : new String[] {"domain", "clientId", "apiBase", "region"}) {
                out.put(name, read.path(name).asText(""));
            }
            cached = out;
            readAt = Instant.now();
            return out;
        } catch (SdkException | java.io.IOException e) {
            LOG.errorf(e, "console settings %s could not be read", parameter.get());
            if (c != null) {
                return c;
            }
            throw new IllegalStateException("the console settings could not be read", e);
        }
    }

    /** Origins the page calls besides its own: the admin API and Cognito's token endpoint. */
    public String connectSources() {
        ObjectNode c = current();
        return (c.path("apiBase").asText("") + " " + c.path("domain").asText("")).strip();
    }
}
