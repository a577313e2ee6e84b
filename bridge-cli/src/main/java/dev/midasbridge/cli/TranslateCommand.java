package dev.midasbridge.cli;

import dev.midasbridge.conformance.translation.Translation;
import dev.midasbridge.conformance.translation.TranslationResult;
import dev.midasbridge.payv2.PayV2Format;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bridge translate}: a midas 1.0 request body in, the pay_v2 body that asks for the same thing out. */
@Command(
        name = "translate",
        mixinStandardHelpOptions = true,
        description = "Turn a midas 1.0 request body into the pay_v2 body that asks for the same thing, listing the"
                + " renamed, dropped and added fields.",
        footer = {
            "%nExamples:",
            "  bridge translate --endpoint pay --v2-offer-id 1450000002 v1-pay.json",
            "  bridge translate --endpoint cancelpay --v2-offer-id 1450000002 --refund-order R1 --amount 10 - < b.json",
            "%nThe v1 body is the JSON object of parameters (sig and mp_sig are ignored). An order number pay_v2"
                    + " forbids is an error.",
            "%nExit codes: 0 translated; 2 bad input (including a bill_no pay_v2 forbids)."
        })
final class TranslateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "FILE|-",
            defaultValue = "-",
            description = "The v1 body; - (default) reads" + " stdin.")
    String input;

    @Option(names = "--endpoint", required = true, description = "getbalance, pay, cancelpay or present.")
    String endpoint;

    @Option(names = "--v2-offer-id", required = true, description = "The 2.0 offer id (it differs from the 1.0 one).")
    String v2OfferId;

    @Option(names = "--sandbox", description = "The v1 call went to a /sandbox/ path (pay_v2: env 1).")
    boolean sandbox;

    @Option(names = "--refund-order", description = "cancelpay: the new order number of the pay_v2 refund.")
    String refundOrder;

    @Option(names = "--amount", description = "cancelpay: the coins to refund (pay_v2 refunds name an amount).")
    Long amount;

    @Option(names = "--json", description = "Print {\"v2\":…, \"renamed\":[…], \"dropped\":[…], \"added\":[…]}.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Map<String, Object> body = CliInput.jsonObject(CliInput.read(input), "the v1 body");
        body.remove("sig");
        body.remove("mp_sig");
        Translation.Request request = Translation.Request.of(endpoint, body, sandbox, v2OfferId);
        if (endpoint.equals("cancelpay")) {
            if (refundOrder == null || amount == null) {
                throw CliException.badInput(
                        "cancelpay: pay_v2 refunds need --refund-order (a new order number) and" + " --amount");
            }
            request = request.withRefund(refundOrder, amount);
        } else if (refundOrder != null || amount != null) {
            throw CliException.badInput("--refund-order and --amount belong to --endpoint cancelpay only");
        }
        TranslationResult r = Translation.translate(request);
        PrintWriter out = spec.commandLine().getOut();
        String v2 = new String(PayV2Format.serialize(new LinkedHashMap<>(r.v2())), StandardCharsets.UTF_8);
        if (json) {
            out.println("{\"v2\":" + v2 + ",\"renamed\":" + JsonOut.list(r.renamed()) + ",\"dropped\":"
                    + JsonOut.list(r.dropped()) + ",\"added\":" + JsonOut.list(r.added()) + "}");
        } else {
            out.println(v2);
            out.println("renamed: " + (r.renamed().isEmpty() ? "none" : String.join(", ", r.renamed())));
            out.println("dropped: " + (r.dropped().isEmpty() ? "none" : String.join(", ", r.dropped())));
            out.println("added:   " + (r.added().isEmpty() ? "none" : String.join(", ", r.added())));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
