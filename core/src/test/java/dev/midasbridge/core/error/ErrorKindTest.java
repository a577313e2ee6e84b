package dev.midasbridge.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorKindTest {
    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void everyKindCallsForExactlyOneCourseOfAction(ErrorKind kind) {
        int courses = (kind.retrySameOrderSafe() ? 1 : 0)
                + (kind.mustReLogin() ? 1 : 0)
                + (kind.mustFixInput() ? 1 : 0)
                + (kind.mustFixConfiguration() ? 1 : 0);
        boolean rejected = kind.category() == ErrorKind.Category.REJECTED;
        assertEquals(rejected ? 0 : 1, courses, kind.name());
        assertFalse(kind.advice().isBlank());
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void theExceptionClassFollowsTheCategory(ErrorKind kind) {
        PaymentException e = PaymentException.of(kind, ApiVersion.PAY_V2, 1, "m", null, null);
        Class<?> expected = switch (kind.category()) {
            case OUTCOME_UNKNOWN -> OutcomeUnknownException.class;
            case RETRYABLE -> RetryableException.class;
            case CONFIGURATION -> ConfigurationException.class;
            case RELOGIN -> ReLoginRequiredException.class;
            case INVALID_INPUT -> InvalidInputException.class;
            case REJECTED -> RejectedException.class;
        };
        assertInstanceOf(expected, e);
        assertEquals(kind, e.kind());
    }

    @Test
    void anUnknownOutcomeIsSafeToRetryWithTheSameOrder() {
        assertTrue(ErrorKind.SYSTEM_BUSY.outcomeUnknown());
        assertTrue(ErrorKind.TIMEOUT.retrySameOrderSafe());
        assertFalse(ErrorKind.CONNECTION_FAILED.outcomeUnknown(), "nothing was sent");
        assertFalse(ErrorKind.CONFIGURATION_FAULT.retrySameOrderSafe());
    }

    @Test
    void theMessageKeepsVersionErrcodeAndErrmsg() {
        PaymentException e = PaymentException.of(
                ErrorKind.INVALID_PARAMETER, ApiVersion.PAY_V2, 90018, "[openid] openid is invalid", null, null);
        assertEquals(
                "pay_v2 errcode 90018 \"[openid] openid is invalid\": the server rejected a parameter: fix the input",
                e.getMessage());
        assertEquals(90018, e.errcode().getAsInt());
        assertEquals(ApiVersion.PAY_V2, e.version().orElseThrow());
        assertEquals("[openid] openid is invalid", e.errmsg().orElseThrow());
    }

    @Test
    void transportFailuresMapToTheirKinds() {
        assertEquals(ErrorKind.CONNECTION_FAILED, TransportFailures.kindOf(new ConnectException("refused")));
        assertEquals(ErrorKind.TIMEOUT, TransportFailures.kindOf(new SocketTimeoutException("read")));
        assertEquals(ErrorKind.TIMEOUT, TransportFailures.kindOf(new InterruptedIOException("call timeout")));
        assertEquals(
                ErrorKind.CONNECTION_DROPPED, TransportFailures.kindOf(new IOException("unexpected end of stream")));
        PaymentException e = TransportFailures.toException(ApiVersion.MIDAS_V1, "pay", new SocketTimeoutException());
        assertInstanceOf(OutcomeUnknownException.class, e);
        assertTrue(e.getMessage().startsWith("midas_v1 pay got no answer before the deadline"), e.getMessage());
    }
}
