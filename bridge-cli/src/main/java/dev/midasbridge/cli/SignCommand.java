package dev.midasbridge.cli;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.midas.v1.MidasV1Format;
import dev.midasbridge.payv2.PayV2Format;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bridge sign v1|v2}: the signatures of a request body, and with {@code --explain} the exact signed strings. */
@Command(
        name = "sign",
        mixinStandardHelpOptions = true,
        description = "Sign a request body read from FILE or stdin: midas 1.0 sig and mp_sig, or pay_v2 pay_sig and"
                + " signature; --explain prints the exact strings signed, secrets masked.",
        footer = {
            "%nExamples:",
            "  bridge sign v1 --endpoint pay body.json --explain",
            "  printf '%%s' \"$BODY\" | bridge sign v2 --endpoint getbalance -",
            "%nThe v1 body is the JSON object of parameters sent (without sig/mp_sig). The v2 body is signed byte for"
                    + " byte as given: it is never re-serialized.",
            "%nKeys come from the environment: MIDAS_V1_APP_KEY / MIDAS_V1_SANDBOX_APP_KEY, PAY_V2_APP_KEY /"
                    + " PAY_V2_SANDBOX_APP_KEY, the access token from MIDAS_BRIDGE_ACCESS_TOKEN (v1 mp_sig) and the player's"
                    + " session_key from MIDAS_BRIDGE_SESSION_KEY (mp_sig, signature). A signature whose key is not set is"
                    + " left out.",
            "%nThe body is checked as translate checks it (unknown or missing fields, types, values the version"
                    + " forbids, e.g. bill_no \"_a1\" on pay_v2) before anything is signed.",
            "%nExit codes: 0 signed; 2 bad input."
        })
final class SignCommand implements Callable<Integer> {
    private static final Set<String> ENDPOINTS = Set.of("getbalance", "pay", "cancelpay", "present", "queryorderinfo");

    @ParentCommand
    BridgeCli root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "v1|v2", description = "Which version's signatures.")
    String version;

    @Parameters(
            index = "1",
            paramLabel = "FILE|-",
            defaultValue = "-",
            description = "The body; - (default) reads" + " stdin.")
    String input;

    @Option(
            names = "--endpoint",
            required = true,
            description = "getbalance, pay, cancelpay, present" + " (v2 also queryorderinfo).")
    String endpoint;

    @Option(
            names = "--sandbox",
            description = "v1: sign the /sandbox/ path with the sandbox key. v2: the body's env"
                    + " decides; this only confirms it.")
    boolean sandbox;

    @Option(names = "--explain", description = "Also print the exact string each signature signs, secrets masked.")
    boolean explain;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (!ENDPOINTS.contains(endpoint)) {
            throw CliException.badInput("--endpoint " + endpoint + ": one of " + new java.util.TreeSet<>(ENDPOINTS));
        }
        byte[] body = CliInput.read(input);
        Map<String, Object> out = ApiVersion.parse(version) == ApiVersion.MIDAS_V1 ? signV1(body) : signV2(body);
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            w.println(JsonOut.of(out));
        } else {
            out.forEach((k, v) -> w.println(k + ": " + v));
        }
        w.flush();
        return ExitCodes.OK;
    }

    private Map<String, Object> signV1(byte[] body) {
        if (endpoint.equals("queryorderinfo")) {
            throw CliException.badInput("--endpoint queryorderinfo: midas_v1 has no order query");
        }
        Map<String, Object> params = CliInput.jsonObject(body, "the body");
        if (params.containsKey("access_token")) {
            throw CliException.badInput("access_token: midas_v1 sends it in the query, not in the body; remove it"
                    + " from the body (mp_sig signs it separately)");
        }
        params.remove("sig");
        params.remove("mp_sig");
        // as translate does: an unknown or missing field, a wrong type or a value midas 1.0 forbids is refused
        MidasV1Format.parse(endpoint, params, sandbox);
        Environment env = sandbox ? Environment.SANDBOX : Environment.PRODUCTION;
        String path = MidasV1Format.path(endpoint, env);
        Secret appKey = secret(sandbox ? "MIDAS_V1_SANDBOX_APP_KEY" : "MIDAS_V1_APP_KEY", true);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", path);
        String sig = MidasV1Format.sig(path, params, appKey);
        out.put("sig", sig);
        if (explain) {
            out.put("sig_signs", MidasV1Format.explainSig(path, params));
        }
        Secret token = secret("MIDAS_BRIDGE_ACCESS_TOKEN", false);
        Secret session = secret("MIDAS_BRIDGE_SESSION_KEY", false);
        if (token != null && session != null) {
            out.put("mp_sig", MidasV1Format.mpSig(path, params, sig, token, session));
            if (explain) {
                out.put("mp_sig_signs", MidasV1Format.explainMpSig(path, params, sig));
            }
        } else {
            out.put("mp_sig", null);
            out.put("mp_sig_missing", "set MIDAS_BRIDGE_ACCESS_TOKEN and MIDAS_BRIDGE_SESSION_KEY to sign mp_sig");
        }
        return out;
    }

    private Map<String, Object> signV2(byte[] body) {
        Map<String, Object> fields = CliInput.jsonObject(body, "the body");
        Object envField = fields.get("env");
        boolean sandboxBody = envField instanceof Double d && d == 1.0;
        if (envField != null && !(envField instanceof Double d && (d == 0.0 || d == 1.0))) {
            throw CliException.badInput("env " + envField + ": pay_v2 accepts the number 0 or 1");
        }
        if (sandbox && !sandboxBody) {
            throw CliException.badInput("--sandbox: the body says env " + (envField == null ? "(missing)" : "0")
                    + "; pay_v2 chooses the sandbox by env 1 in the body, and the body is signed as given");
        }
        // as translate does: an unknown or missing field, a wrong type or a value pay_v2 forbids (bill_no "_a1")
        PayV2Format.parse(endpoint, fields);
        String path = PayV2Format.path(endpoint);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", path);
        out.put("env", sandboxBody ? 1 : 0);
        out.put(
                "pay_sig",
                PayV2Format.paySig(
                        path, body, secret(sandboxBody ? "PAY_V2_SANDBOX_APP_KEY" : "PAY_V2_APP_KEY", true)));
        if (explain) {
            out.put("pay_sig_signs", PayV2Format.explainPaySig(path, body));
        }
        Secret session = secret("MIDAS_BRIDGE_SESSION_KEY", false);
        out.put("signature", session == null ? null : PayV2Format.signature(body, session));
        if (session == null) {
            out.put("signature_missing", "set MIDAS_BRIDGE_SESSION_KEY to sign signature");
        } else if (explain) {
            out.put("signature_signs", PayV2Format.explainSignature(body));
        }
        out.put("sig_method", PayV2Format.SIG_METHOD);
        return out;
    }

    private Secret secret(String name, boolean required) {
        String v = root.env().get(name);
        if (v == null || v.isEmpty()) {
            if (required) {
                throw CliException.badInput("set the environment variable " + name
                        + " (keys are secrets and never go on the command line)");
            }
            return null;
        }
        return Secret.of(v);
    }
}
