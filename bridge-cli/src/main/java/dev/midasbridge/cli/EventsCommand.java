package dev.midasbridge.cli;

import dev.midasbridge.app.config.ConfigFile;
import dev.midasbridge.core.push.CapturedPush;
import dev.midasbridge.core.push.PushDiagnosis;
import dev.midasbridge.core.push.PushEvent;
import dev.midasbridge.payv2.PayV2Push;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bridge events}: pay_v2 push events. */
@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        description = "pay_v2 push events (coin and item delivery) sent to the game's message-push URL.",
        subcommands = {EventsCommand.Verify.class, CommandLine.HelpCommand.class})
final class EventsCommand implements Callable<Integer> {
    @ParentCommand
    BridgeCli root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.BAD_INPUT;
    }

    /** {@code bridge events verify}: every check of a captured push, and what is wrong. */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Check a captured pay_v2 push the way the bridge would before delivering it: the body, the"
                    + " URL signature, safe mode's msg_signature and AES envelope, PayEventSig (with the AppKey of the"
                    + " payload's Env) and the payload's fields; print each check with what is wrong.",
            footer = {
                "%nExamples:",
                "  bridge events verify --body-file push.json --query 'signature=...&timestamp=1764400000&nonce=777'",
                "  bridge events verify --body-file push.json --query 'signature=...&timestamp=...&nonce=...&"
                        + "encrypt_type=aes&msg_signature=...' --config bridge.json --json",
                "  bridge events verify --request captured.json",
                "%ncaptured.json is {\"url\": \"<the push URL with its query>\", \"content_type\": \"application/json\","
                        + " \"body\": \"<exact body text>\"}. The push Token comes from MIDAS_BRIDGE_PUSH_TOKEN, the"
                        + " EncodingAESKey (safe mode) from MIDAS_BRIDGE_PUSH_AES_KEY, the pay_v2 AppKeys from"
                        + " PAY_V2_APP_KEY and PAY_V2_SANDBOX_APP_KEY (or the variables the config file's push and"
                        + " pay_v2 sections name).",
                "%nExit codes: 0 every check passed; 1 a check failed; 2 bad input (files, query, configuration)."
            })
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        EventsCommand events;

        @Spec
        CommandSpec spec;

        @Option(
                names = "--config",
                paramLabel = "FILE",
                defaultValue = "bridge.json",
                description = "The configuration file (default ${DEFAULT-VALUE}): its push and pay_v2 sections.")
        Path config;

        @Option(
                names = "--request",
                paramLabel = "FILE",
                description = "The captured request as JSON: url (with the query), body, content_type.")
        Path request;

        @Option(names = "--body-file", paramLabel = "FILE", description = "The exact body bytes ('-': stdin).")
        String bodyFile;

        @Option(
                names = "--query",
                paramLabel = "QUERY",
                description = "The push URL's query: signature, timestamp, nonce (and encrypt_type, msg_signature).")
        String query;

        @Option(
                names = "--content-type",
                paramLabel = "TYPE",
                description = "The request's Content-Type (default: JSON unless the body starts with '<').")
        String contentType;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            CapturedPush push = captured();
            ConfigFile file = ConfigFile.load(config, events.root.env());
            PayV2Push verifier = PayV2Push.create(file.payEventKeys(), file.pushChannel());
            PushDiagnosis d = verifier.diagnose(push);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                List<Map<String, Object>> checks = new ArrayList<>();
                for (PushDiagnosis.Step s : d.steps()) {
                    checks.add(JsonOut.fields(
                            "check", s.check().name(),
                            "outcome", s.outcome().name().toLowerCase(Locale.ROOT),
                            "detail", s.detail()));
                }
                out.println(JsonOut.of(JsonOut.fields(
                        "valid",
                        d.valid(),
                        "checks",
                        checks,
                        "event",
                        d.event().map(Verify::describe).orElse(null))));
            } else {
                for (PushDiagnosis.Step s : d.steps()) {
                    out.printf("%s %-15s %s%n", mark(s.outcome()), s.check().name(), s.detail());
                }
                if (d.valid()) {
                    PushEvent e = d.event().orElseThrow();
                    out.println("valid: " + e.eventName() + " " + e.getClass().getSimpleName() + ", dedup key "
                            + e.dedupKey() + (e.mock() ? " (IsMock: answer it, do not deliver it)" : ""));
                    describe(e).forEach((k, v) -> out.printf("  %-14s %s%n", k, v));
                } else {
                    out.println("INVALID: "
                            + d.firstFailure().map(f -> f.check().name()).orElse("?")
                            + " failed; do not deliver this push");
                }
            }
            out.flush();
            return d.valid() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }

        private static String mark(PushDiagnosis.Outcome o) {
            return switch (o) {
                case PASSED -> "\u2713";
                case FAILED -> "\u2717";
                case SKIPPED -> "-";
                case NOT_APPLICABLE -> "\u00b7";
            };
        }

        private CapturedPush captured() throws IOException {
            if (request != null) {
                if (bodyFile != null || query != null) {
                    throw CliException.badInput("give --request FILE, or --body-file and --query, not both");
                }
                Map<String, Object> m = CliInput.jsonObject(CliInput.read(request), request.toString());
                if (!(m.get("url") instanceof String url)
                        || !(m.get("body") instanceof String body)
                        || (m.containsKey("content_type") && !(m.get("content_type") instanceof String))) {
                    throw CliException.badInput(request + ": expected {\"url\": \"<URL with query>\", \"body\":"
                            + " \"<exact body>\", \"content_type\": \"application/json\"}");
                }
                String rawQuery;
                try {
                    rawQuery = new URI(url).getRawQuery();
                } catch (URISyntaxException e) {
                    throw CliException.badInput(request + ": url is not a URL: " + e.getMessage());
                }
                return CapturedPush.parse(
                        rawQuery == null ? "" : rawQuery,
                        body.getBytes(StandardCharsets.UTF_8),
                        contentType != null ? contentType : (String) m.get("content_type"));
            }
            if (bodyFile == null || query == null) {
                throw CliException.badInput("give --body-file FILE and --query 'signature=...&timestamp=...&nonce=...',"
                        + " or --request FILE");
            }
            return CapturedPush.parse(query, CliInput.read(bodyFile), contentType);
        }

        /** The event's fields by name, Optionals unwrapped, for printing. */
        static Map<String, Object> describe(PushEvent e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", e.getClass().getSimpleName());
            m.put("dedup_key", e.dedupKey());
            for (RecordComponent c : e.getClass().getRecordComponents()) {
                if (c.getName().equals("payload")) {
                    continue;
                }
                Object v;
                try {
                    v = c.getAccessor().invoke(e);
                } catch (ReflectiveOperationException ex) {
                    continue;
                }
                v = plain(v);
                if (v != null) {
                    m.put(c.getName(), v);
                }
            }
            m.put("payload", e.payload());
            return m;
        }

        private static Object plain(Object v) {
            if (v instanceof Optional<?> o) {
                return o.map(Verify::plain).orElse(null);
            }
            if (v instanceof OptionalLong o) {
                return o.isPresent() ? o.getAsLong() : null;
            }
            if (v instanceof Record r) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (RecordComponent c : r.getClass().getRecordComponents()) {
                    try {
                        Object x = plain(c.getAccessor().invoke(r));
                        if (x != null) {
                            m.put(c.getName(), x);
                        }
                    } catch (ReflectiveOperationException ex) {
                        // not readable: left out
                    }
                }
                return m;
            }
            if (v instanceof Enum<?> en) {
                return en.name().toLowerCase(Locale.ROOT);
            }
            return v;
        }
    }
}
