package com.mvsync.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.magento.rest.MagentoRestException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Completes partial payloads from Magento's REST API, when it is configured. */
@ApplicationScoped
public class MagentoEntityFetcher implements EntityFetcher {

    private final MagentoRestClient magento;

    public MagentoEntityFetcher(MagentoRestClient magento) {
        this.magento = magento;
    }

    /**
     * 401/403, or no connection at all (unknown host, refused, TLS, as the client words them; the connection check
     * reads them the same way): not the entity's fault. A dropped answer or a timeout is retried as before.
     */
    private static boolean connectionFailed(MagentoRestException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return e.code().equals(MagentoRestException.UNAUTHORIZED)
                || (e.code().equals(MagentoRestException.CONNECTION_FAILED) && (message.contains("unknown host")
                        || message.contains("connection refused") || message.contains("TLS handshake failed")));
    }

    @Override
    public Optional<ObjectNode> fetch(EntityType type, String id) {
        if (!magento.isConfigured() || id == null || id.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(magento.read(type, id));
        } catch (MagentoRestException e) {
            unanswered(e, type.label() + " " + id).ifPresent(failure -> {
                throw failure;
            });
            // The message names the entity already: "customer 42: HTTP 404: No such entity with customerId = 42".
            throw new IncompleteEntityException("Magento could not supply " + e.getMessage(), List.of(type.label()));
        }
    }

    /**
     * The failure of a sync that asked Magento for {@code asked} and got no answer: no connection (paused until it is
     * back) or a failure worth retrying. Empty when Magento answered, if only with an error about the thing asked.
     */
    static Optional<RuntimeException> unanswered(MagentoRestException e, String asked) {
        if (connectionFailed(e)) {
            return Optional.of(new SourceConnectionException("Magento " + (e.httpStatus() == 0
                    ? "cannot be reached" : "refused the credentials") + " asked for " + asked + ": "
                    + e.getMessage(), e));
        }
        if (e.retryable()) {
            return Optional.of(new SourceUnavailableException("Magento could not be asked for " + asked + ": "
                    + e.getMessage(), e));
        }
        return Optional.empty();
    }
}
