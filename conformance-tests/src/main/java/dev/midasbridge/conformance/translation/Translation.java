package dev.midasbridge.conformance.translation;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.operation.Envelope;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.midas.v1.MidasV1Format;
import dev.midasbridge.payv2.PayV2Format;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Turns a midas 1.0 request body into the pay_v2 request body that asks for the same thing (VECTORS.md
 * {@code translate}), through core: v1 body, {@link MidasV1Format#parse}, the core {@link Envelope},
 * {@link PayV2Format#fields}. Neither adapter knows the other; each checks its own version's rules.
 */
public final class Translation {
    /** API.md "Renames (v1 -> v2)" for request bodies, per endpoint; every other kept field keeps its name. */
    private static final Map<String, Map<String, String>> RENAMES = Map.of(
            "getbalance", Map.of(),
            "pay", Map.of("amt", "amount", "pay_item", "payitem", "app_remark", "remark"),
            "cancelpay", Map.of("bill_no", "pay_bill_no"),
            "present", Map.of("present_counts", "amount"));

    private Translation() {}

    /**
     * The pay_v2 body asking for what {@code request}'s v1 body asks for, with the fields renamed, dropped and added
     * on the way.
     *
     * @throws InvalidInputException when either version rejects a value, naming the field, the rule and the
     *         version (e.g. a {@code bill_no} beginning with {@code _}, which pay_v2 forbids), or when a cancelpay
     *         lacks the refund order number and amount pay_v2 needs
     * @throws dev.midasbridge.core.error.RejectedException for an endpoint midas 1.0 does not have (queryorderinfo)
     */
    public static TranslationResult translate(Request request) {
        Objects.requireNonNull(request, "request");
        Envelope<?> envelope = MidasV1Format.parse(request.endpoint(), request.v1Body(), request.sandbox());
        if (envelope.operation() instanceof Refund refund) {
            envelope = new Envelope<>(asPayV2Refund(refund, request), envelope.environment(), envelope.timestamp());
        } else if (request.refundBillNo().isPresent() || request.amount().isPresent()) {
            throw InvalidInputException.of(
                    "refund_bill_no",
                    ApiVersion.PAY_V2,
                    "refund_bill_no and amount: only a " + "cancelpay translation takes them, not "
                            + request.endpoint());
        }
        Map<String, Object> v2 = PayV2Format.forOffer(request.v2OfferId()).fields(envelope);
        return describe(request.endpoint(), request.v1Body(), v2);
    }

    /** pay_v2 refunds under an order number of their own and for an amount; midas 1.0 refunds the whole deduction. */
    private static Refund asPayV2Refund(Refund refund, Request request) {
        if (request.refundBillNo().isEmpty() || request.amount().isEmpty()) {
            throw InvalidInputException.of(
                    request.refundBillNo().isEmpty() ? "refund_bill_no" : "amount",
                    ApiVersion.PAY_V2,
                    "refund_bill_no and amount: pay_v2 cancelpay needs a new refund order number "
                            + "(sent as bill_no) and the amount to refund, which a midas_v1 cancelpay does not carry");
        }
        return refund.withRefundOrderNo(
                        OrderNo.forVersion("bill_no", request.refundBillNo().get(), ApiVersion.PAY_V2))
                .withAmount(request.amount().getAsLong());
    }

    private static TranslationResult describe(String endpoint, Map<String, ?> v1, Map<String, Object> v2) {
        Map<String, String> renames = RENAMES.get(endpoint);
        List<String> renamed = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        Set<String> carried = new HashSet<>();
        for (String name : v1.keySet()) {
            String target = renames.getOrDefault(name, name);
            if (!v2.containsKey(target)) {
                dropped.add(name);
                continue;
            }
            carried.add(target);
            if (!target.equals(name)) {
                renamed.add(name + " -> " + target);
            }
        }
        List<String> added = new ArrayList<>();
        for (String name : v2.keySet()) {
            if (!carried.contains(name)) {
                added.add(name);
            }
        }
        return new TranslationResult(v2, renamed, dropped, added);
    }

    /**
     * What to translate: the v1 {@code endpoint} ({@code getbalance}, {@code pay}, {@code cancelpay},
     * {@code present}), its body without {@code sig}/{@code mp_sig} (values String or whole numbers), whether it
     * went to a {@code /sandbox/} path (pay_v2 {@code env} 1), the 2.0 offer id replacing the 1.0 one, and for
     * cancelpay the new refund order number and the amount, which pay_v2 needs and midas 1.0 does not send.
     */
    public record Request(
            String endpoint,
            Map<String, Object> v1Body,
            boolean sandbox,
            String v2OfferId,
            Optional<String> refundBillNo,
            OptionalLong amount) {
        public Request {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(v1Body, "v1Body");
            Objects.requireNonNull(v2OfferId, "v2OfferId");
            Objects.requireNonNull(refundBillNo, "refundBillNo");
            Objects.requireNonNull(amount, "amount");
            v1Body = Collections.unmodifiableMap(new LinkedHashMap<>(v1Body));
        }

        /** A translation of {@code v1Body} sent to {@code endpoint} (not a cancelpay: see {@link #withRefund}). */
        public static Request of(String endpoint, Map<String, ?> v1Body, boolean sandbox, String v2OfferId) {
            return new Request(
                    endpoint, new LinkedHashMap<>(v1Body), sandbox, v2OfferId, Optional.empty(), OptionalLong.empty());
        }

        /** For cancelpay: the new refund order number ({@code bill_no} in pay_v2) and the amount to refund. */
        public Request withRefund(String refundBillNo, long amount) {
            return new Request(
                    endpoint, v1Body, sandbox, v2OfferId, Optional.of(refundBillNo), OptionalLong.of(amount));
        }
    }
}
