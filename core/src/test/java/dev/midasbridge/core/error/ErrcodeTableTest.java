package dev.midasbridge.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrcodeTableTest {
    private final ErrcodeTable table = ErrcodeTable.builder(ApiVersion.MIDAS_V1)
            .code(90013, ErrorKind.INSUFFICIENT_BALANCE, "balance too low")
            .build();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1021-1021-0 offer not match           | CONFIGURATION_FAULT",
                "1021-1021-0                           | CONFIGURATION_FAULT",
                "1001-0-0 请求参数错误(zoneid/pf)         | INVALID_PARAMETER",
                "err 1001-0-0: bad pf                  | INVALID_PARAMETER",
                "system busy                           | SYSTEM_BUSY",
                "3000-3000-0 something we do not know  | SYSTEM_BUSY",
                "11021-1021-0 not the same triple      | SYSTEM_BUSY",
                "1021-1021-01 not the same triple      | SYSTEM_BUSY",
                "''                                    | SYSTEM_BUSY"
            })
    void minusOneIsBusyUnlessItsErrmsgCarriesAKnownTriple(String errmsg, ErrorKind kind) {
        assertEquals(kind, table.kindOf(-1, errmsg));
    }

    @Test
    void minusOneWithoutErrmsgIsBusy() {
        assertEquals(ErrorKind.SYSTEM_BUSY, table.kindOf(-1, null));
    }

    @Test
    void knownTriplesAreDefiniteNotAppliedFailures() {
        assertFalse(ErrcodeTable.MINUS_ONE_TRIPLES.isEmpty());
        ErrcodeTable.MINUS_ONE_TRIPLES.forEach((triple, entry) -> {
            assertFalse(entry.kind().outcomeUnknown(), triple);
            assertFalse(entry.meaning().isBlank(), triple);
        });
        assertInstanceOf(ConfigurationException.class, table.exception(-1, "1021-1021-0 offer invalid"));
        assertInstanceOf(InvalidInputException.class, table.exception(-1, "1001-0-0 请求参数错误(zoneid/pf)"));
        assertInstanceOf(OutcomeUnknownException.class, table.exception(-1, "system busy"));
    }

    @Test
    void tokenCodesAreKnownToEveryTableAndOthersAreUnknown() {
        for (int code : new int[] {40001, 40014, 42001}) {
            assertEquals(ErrorKind.ACCESS_TOKEN_INVALID, table.kindOf(code, "invalid credential"));
        }
        assertEquals(ErrorKind.INSUFFICIENT_BALANCE, table.kindOf(90013, null));
        assertEquals(ErrorKind.UNKNOWN_ERRCODE, table.kindOf(12345, null));
        assertEquals(ErrorKind.UNKNOWN_ERRCODE, table.kindOf(1L << 40, null));
        PaymentException huge = table.exception(1L << 40, "odd");
        assertEquals(ErrorKind.UNKNOWN_ERRCODE, huge.kind());
        assertTrue(huge.errcode().isEmpty());
    }

    @Test
    void documentedListsEveryEntryWithItsMeaning() {
        assertEquals(
                java.util.List.of(-1, 90013),
                java.util.List.copyOf(table.documented().keySet()));
        assertEquals("balance too low", table.documented().get(90013));
        assertThrows(
                IllegalArgumentException.class,
                () -> ErrcodeTable.builder(ApiVersion.PAY_V2)
                        .code(1, ErrorKind.DUPLICATE_ORDER, "a")
                        .code(1, ErrorKind.DUPLICATE_ORDER, "b"));
        assertThrows(
                IllegalArgumentException.class,
                () -> ErrcodeTable.builder(ApiVersion.PAY_V2).code(-1, ErrorKind.SYSTEM_BUSY, "busy"));
    }

    @Test
    void aPaymentExceptionKeepsItsDetailWithoutTheAdvice() {
        PaymentException e = PaymentException.of(
                ErrorKind.ACCESS_TOKEN_UNAVAILABLE,
                ApiVersion.PAY_V2,
                null,
                null,
                "access token unavailable (stable_token: connection refused)",
                null);
        assertEquals(
                "access token unavailable (stable_token: connection refused)",
                e.detail().orElseThrow());
        assertInstanceOf(RetryableException.class, e);
        assertTrue(PaymentException.of(ErrorKind.TIMEOUT, null, null, null, null, null)
                .detail()
                .isEmpty());
    }
}
