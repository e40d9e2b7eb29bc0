package com.mvsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TransportFailureTest {

    private static ProcessingException wrapping(Throwable cause) {
        return new ProcessingException(new IOException("wrapped", cause));
    }

    @Test
    void classifiesWhatTheHttpClientThrewByItsCauses() {
        assertThat(TransportFailure.of(wrapping(new SocketTimeoutException())).kind())
                .isEqualTo(TransportFailure.TIMEOUT);
        assertThat(TransportFailure.of(wrapping(new UnknownHostException("shop.invalid"))).kind())
                .isEqualTo(TransportFailure.UNKNOWN_HOST);
        assertThat(TransportFailure.of(wrapping(new ConnectException("refused"))).kind())
                .isEqualTo(TransportFailure.REFUSED);
        assertThat(TransportFailure.of(new ProcessingException("odd")).kind())
                .isEqualTo(TransportFailure.UNREACHABLE);
    }

    /** netty's ConnectTimeoutException is a ConnectException: a connect timeout is a timeout, not a refusal. */
    @Test
    void aTimeoutThatIsAlsoAConnectExceptionIsATimeout() {
        class ConnectTimeoutException extends ConnectException {
        }
        assertThat(TransportFailure.of(wrapping(new ConnectTimeoutException())).kind())
                .isEqualTo(TransportFailure.TIMEOUT);
    }

    @Test
    void tlsAnywhereInTheChainWinsAndKeepsItsMessage() {
        TransportFailure.Cause cause = TransportFailure.of(
                wrapping(new SSLHandshakeException("PKIX path building failed")));
        assertThat(cause.kind()).isEqualTo(TransportFailure.TLS);
        assertThat(cause.tlsMessage()).isEqualTo("PKIX path building failed");
    }

    @Test
    void statusesOfTheirOwnAreRateLimitAndServerErrors() {
        assertThat(TransportFailure.ofStatus(429)).contains(TransportFailure.RATE_LIMITED);
        assertThat(TransportFailure.ofStatus(500)).contains(TransportFailure.SERVER_ERROR);
        assertThat(TransportFailure.ofStatus(503)).contains(TransportFailure.SERVER_ERROR);
        for (int status : new int[] { 200, 400, 401, 404 }) {
            assertThat(TransportFailure.ofStatus(status)).isEqualTo(Optional.empty());
        }
    }

    @Test
    void blankOrMalformedBodiesAreNotJson() {
        ObjectMapper json = new ObjectMapper();
        assertThat(TransportFailure.json(json, "")).isNull();
        assertThat(TransportFailure.json(json, null)).isNull();
        assertThat(TransportFailure.json(json, "<html>shop</html>")).isNull();
        assertThat(TransportFailure.json(json, "{\"a\":1}").path("a").asInt()).isEqualTo(1);
    }

    @Test
    void onlyANonJsonAnswerIsNotRetryable() {
        assertThat(Arrays.stream(TransportFailure.values()).filter(k -> !k.retryable()))
                .containsExactly(TransportFailure.NOT_JSON);
    }
}
