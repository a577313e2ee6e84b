package dev.midasbridge.benchmarks;

import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.crypto.HmacSha256;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.Envelope;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.midas.v1.MidasV1Format;
import dev.midasbridge.payv2.PayV2Format;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Signing a pay request, ours against the ceiling. v1: from the domain deduction to the hex of {@code sig} and
 * {@code mp_sig}; v2: from the serialized body to the hex of {@code pay_sig} and {@code signature}. The ceiling does
 * only the HMACs: raw {@code javax.crypto.Mac}s, initialised once per key and reused by the thread, over the same
 * already-built bytes, plus the same hex encoding.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmark {
    private static final Secret APP_KEY = Secret.of("zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u");
    private static final Secret SESSION_KEY = Secret.of("V7Q38/i2KXaqrQyl2Yx9Hg==");
    private static final Secret TOKEN = Secret.of("ACCESSTOKEN-" + "x".repeat(120));
    private static final String V1_PATH = "/cgi-bin/midas/pay";
    private static final String V2_PATH = "/wxa/game/pay";

    private Envelope<Deduction> deduction;
    private MidasV1Format v1Format;
    private byte[] v2Body;
    private Map<String, Object> v1Params;
    private byte[] v1SigMessage;
    private byte[] v1MpSigMessage;
    private byte[] v2PaySigMessage;
    private Mac appMac;
    private Mac sessionMac;

    @Setup
    public void setUp() throws GeneralSecurityException {
        Deduction d = Deduction.of(Player.of("odkx20ENSNa2w5y3g_qOkOvBNM1g"), 123, OrderNo.of("BillNo_123"))
                .withItem("钻石")
                .withRemark("测试");
        deduction = new Envelope<>(d, Environment.PRODUCTION, 1_507_530_737L);
        v1Format = MidasV1Format.forGame("wx1234567", "12345678", "android");
        v2Body = PayV2Format.forOffer("12345678").body(deduction);

        Map<String, Object> params = v1Format.params(deduction);
        v1Params = params;
        String sigString = MidasV1Format.explainSig(V1_PATH, params).replace(Secret.MASK, APP_KEY.reveal());
        String sig = MidasV1Format.sig(V1_PATH, params, APP_KEY);
        String mpString = MidasV1Format.explainMpSig(V1_PATH, params, sig)
                .replace("access_token=" + Secret.MASK, "access_token=" + TOKEN.reveal())
                .replace("session_key=" + Secret.MASK, "session_key=" + SESSION_KEY.reveal());
        v1SigMessage = sigString.getBytes(StandardCharsets.UTF_8);
        v1MpSigMessage = mpString.getBytes(StandardCharsets.UTF_8);
        v2PaySigMessage = PayV2Format.explainPaySig(V2_PATH, v2Body).getBytes(StandardCharsets.UTF_8);
        appMac = Mac.getInstance("HmacSHA256");
        appMac.init(new SecretKeySpec(APP_KEY.utf8(), "HmacSHA256"));
        sessionMac = Mac.getInstance("HmacSHA256");
        sessionMac.init(new SecretKeySpec(SESSION_KEY.utf8(), "HmacSHA256"));
        MidasV1Format.Signatures fast = v1Format.signBoth(deduction, APP_KEY, TOKEN, SESSION_KEY);
        if (!HmacSha256.toHex(appMac.doFinal(v1SigMessage)).equals(sig)
                || !fast.sig().equals(sig)
                || !fast.mpSig().equals(HmacSha256.toHex(sessionMac.doFinal(v1MpSigMessage)))) {
            throw new IllegalStateException("the ceiling must sign the same bytes as midas-bridge");
        }
    }

    /** From the domain deduction: the wire record, both messages written in one pass, two HMACs, hex. */
    @Benchmark
    public void v1Ours(Blackhole bh) {
        MidasV1Format.Signatures both = v1Format.signBoth(deduction, APP_KEY, TOKEN, SESSION_KEY);
        bh.consume(both.sig());
        bh.consume(both.mpSig());
    }

    /** The general path (any parameter map): the body parameters as a map, sorted, encoded, then signed. */
    @Benchmark
    public void v1General(Blackhole bh) {
        Map<String, Object> params = v1Format.params(deduction);
        MidasV1Format.Signatures both = MidasV1Format.signBoth(V1_PATH, params, APP_KEY, TOKEN, SESSION_KEY);
        bh.consume(both.sig());
        bh.consume(both.mpSig());
    }

    /** The v1 part that is not signing: the domain deduction to the body parameters. */
    @Benchmark
    public Map<String, Object> v1PartMapping() {
        return v1Format.params(deduction);
    }

    /** The v1 part that is signing: ready parameters to both hex signatures. */
    @Benchmark
    public MidasV1Format.Signatures v1PartSigning() {
        return MidasV1Format.signBoth(V1_PATH, v1Params, APP_KEY, TOKEN, SESSION_KEY);
    }

    @Benchmark
    public void v1Ceiling(Blackhole bh) {
        bh.consume(HmacSha256.toHex(appMac.doFinal(v1SigMessage)));
        bh.consume(HmacSha256.toHex(sessionMac.doFinal(v1MpSigMessage)));
    }

    @Benchmark
    public void v2Ours(Blackhole bh) {
        bh.consume(PayV2Format.paySig(V2_PATH, v2Body, APP_KEY));
        bh.consume(PayV2Format.signature(v2Body, SESSION_KEY));
    }

    @Benchmark
    public void v2Ceiling(Blackhole bh) {
        bh.consume(HmacSha256.toHex(appMac.doFinal(v2PaySigMessage)));
        bh.consume(HmacSha256.toHex(sessionMac.doFinal(v2Body)));
    }
}
