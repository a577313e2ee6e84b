package dev.midasbridge.cli;

import dev.midasbridge.simulator.RequestVerifier;
import dev.midasbridge.simulator.Secret;
import dev.midasbridge.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bridge verify}: which signatures of a captured request are right, and what explains a wrong one. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Check a captured request's signatures against the configured keys; for a wrong one, name the"
                + " common mistake that explains it (the stand-in server's diagnosis).",
        footer = {
            "%nExamples:",
            "  bridge verify --request captured.json",
            "  bridge verify --url 'https://api.weixin.qq.com/wxa/game/pay?access_token=...&signature=...&sig_method="
                    + "hmac_sha256&pay_sig=...' --body-file body.json",
            "%ncaptured.json is {\"method\": \"POST\", \"url\": \"<full URL with query>\", \"body\": \"<exact body"
                    + " text>\"}. Keys come from the environment: MIDAS_V1_APP_KEY, MIDAS_V1_SANDBOX_APP_KEY, PAY_V2_APP_KEY,"
                    + " PAY_V2_SANDBOX_APP_KEY, and the player's session_key from MIDAS_BRIDGE_SESSION_KEY.",
            "%nExit codes: 0 every signature is right; 1 one is wrong; 2 bad input."
        })
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    BridgeCli root;

    @Spec
    CommandSpec spec;

    @Option(names = "--request", paramLabel = "FILE", description = "The captured request as JSON: method, url, body.")
    Path request;

    @Option(names = "--method", defaultValue = "POST", description = "The method (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--url", description = "The full URL, with its query.")
    String url;

    @Option(names = "--body-file", paramLabel = "FILE", description = "The exact body bytes.")
    Path bodyFile;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        String m = method;
        String u = url;
        byte[] body;
        if (request != null) {
            Map<String, Object> captured = readRequest(request);
            m = (String) captured.getOrDefault("method", "POST");
            u = (String) captured.get("url");
            body = ((String) captured.get("body")).getBytes(StandardCharsets.UTF_8);
        } else {
            if (u == null || bodyFile == null) {
                throw CliException.badInput("give --request FILE, or --url and --body-file");
            }
            body = CliInput.read(bodyFile);
        }
        List<String> missing = new ArrayList<>();
        RequestVerifier verifier = RequestVerifier.create(
                new SimulatorConfig.MidasV1Keys(
                        "-", "-", key("MIDAS_V1_APP_KEY", missing), key("MIDAS_V1_SANDBOX_APP_KEY", missing)),
                new SimulatorConfig.PayV2Keys(
                        "-", key("PAY_V2_APP_KEY", missing), key("PAY_V2_SANDBOX_APP_KEY", missing)));
        String session = root.env().get("MIDAS_BRIDGE_SESSION_KEY");
        List<RequestVerifier.Verdict> verdicts;
        try {
            verdicts = verifier.verify(
                    m,
                    u,
                    body,
                    session == null || session.isEmpty() ? Optional.empty() : Optional.of(Secret.of(session)));
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(e.getMessage());
        }
        boolean allOk = verdicts.stream().allMatch(RequestVerifier.Verdict::ok);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            verdicts.forEach(v -> list.add(JsonOut.fields(
                    "signature", v.signature(), "ok", v.ok(), "diagnosis", v.ok() ? null : v.diagnosis())));
            out.println(JsonOut.of(JsonOut.fields("ok", allOk, "signatures", list, "keys_not_set", missing)));
        } else {
            for (RequestVerifier.Verdict v : verdicts) {
                out.printf("%-10s %s%n", v.signature(), v.ok() ? "ok" : "WRONG: " + v.diagnosis());
            }
            if (!missing.isEmpty()) {
                out.println("not set (checks needing them could not match): " + String.join(", ", missing));
            }
        }
        out.flush();
        return allOk ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private Secret key(String name, List<String> missing) {
        String v = root.env().get(name);
        if (v == null || v.isEmpty()) {
            missing.add(name);
            return Secret.of("unset-" + UUID.randomUUID());
        }
        return Secret.of(v);
    }

    private static Map<String, Object> readRequest(Path file) throws IOException {
        Map<String, Object> m = CliInput.jsonObject(CliInput.read(file), file.toString());
        if (!(m.get("url") instanceof String)
                || !(m.get("body") instanceof String)
                || (m.containsKey("method") && !(m.get("method") instanceof String))) {
            throw CliException.badInput(
                    file + ": expected {\"method\": \"POST\", \"url\": \"...\", \"body\": \"...\"}");
        }
        return m;
    }
}
