package dev.midasbridge.cli;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.midasbridge.app.DeliveryJournals;
import dev.midasbridge.app.config.ConfigFile;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.clientpay.ClientItem;
import dev.midasbridge.core.clientpay.ClientPaymentFormer;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.delivery.ClientPayments;
import dev.midasbridge.engine.journal.Journal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bridge client-payment}: the parameters a game client passes to the WeChat client payment API, routed. */
@Command(
        name = "client-payment",
        mixinStandardHelpOptions = true,
        description = {
            "The object a game client passes to wx.requestMidasPayment (coins) or wx.requestMidasPaymentGameItem"
                    + " (--item-id, --price) for the version the player is routed to: midas 1.0's plain parameters"
                    + " with the 1.0 offer id, or pay_v2's signData, paySig and signature with the 2.0 offer id.",
            "The payment is journaled under its outTradeNo (made when --out-trade-no is not given: 32 characters"
                    + " valid for both versions), so the delivery push is matched to it. Item purchases exist only in"
                    + " pay_v2 and always go there."
        },
        footer = {
            "%nExample:",
            "  bridge client-payment --config bridge.json --openid oUrsf0000 --quantity 60"
                    + " --session-key-file player.key --json",
            "  bridge client-payment --config bridge.json --openid oUrsf0000 --quantity 1 --item-id sword --price 600",
            "%nThe session_key (pay_v2 signs with it) comes from --session-key-file, or from MIDAS_BRIDGE_SESSION_KEY"
                    + " (or --session-key-env); a player routed to midas 1.0 needs none.",
            ExitCodes.HELP
        })
final class ClientPaymentCommand implements Callable<Integer> {
    @ParentCommand
    BridgeCli root;

    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Option(names = "--openid", required = true, description = "The player's openid.")
    String openid;

    @Option(names = "--zone", defaultValue = "1", description = "The player's zone_id (default ${DEFAULT-VALUE}).")
    String zone;

    @Option(names = "--quantity", required = true, description = "Coins to buy, or items of --item-id (> 0).")
    long quantity;

    @Option(names = "--item-id", description = "A direct item purchase: the item's productId (with --price).")
    String itemId;

    @Option(names = "--price", description = "The item's price in fen (goodsPrice, > 0; with --item-id).")
    Long price;

    @Option(names = "--out-trade-no", description = "The order number (default: a new one).")
    String outTradeNo;

    @Option(names = "--attach", description = "Data passed through to the delivery event.")
    String attach;

    @Option(
            names = "--env",
            paramLabel = "production|sandbox",
            description = "The environment (default: the config's; --sandbox too).")
    String env;

    @Option(names = "--session-key-file", paramLabel = "FILE", description = "A file holding the player's session_key.")
    Path sessionKeyFile;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        if ((itemId == null) != (price == null)) {
            throw CliException.badInput("--item-id and --price go together (an item purchase)");
        }
        Map<String, String> environment = root.env();
        ConfigFile file = api.configFile(environment);
        Environment world = env == null
                ? api.environment(file)
                : switch (env) {
                    case "production" -> Environment.PRODUCTION;
                    case "sandbox" -> Environment.SANDBOX;
                    default -> throw CliException.badInput("--env: production or sandbox, not \"" + env + "\"");
                };
        Injector injector = api.injector(file, false, spec);
        try (Journal journal = injector.getInstance(Journal.class)) {
            Map<ApiVersion, ClientPaymentFormer> formers =
                    injector.getInstance(Key.get(new TypeLiteral<Map<ApiVersion, ClientPaymentFormer>>() {}));
            GameCurrency bridge = injector.getInstance(GameCurrency.class);
            ClientPayments payments =
                    ClientPayments.create(formers, bridge.router(), DeliveryJournals.of(journal), Clock.systemUTC());
            Player player = Player.of(openid, zone);
            Optional<ClientItem> item = itemId == null ? Optional.empty() : Optional.of(new ClientItem(itemId, price));
            ApiVersion routed = payments.route(player, world, item.isPresent());
            Optional<PlayerSession> session = session(environment);
            if (routed == ApiVersion.PAY_V2 && session.isEmpty()) {
                throw CliException.badInput(openid + " is routed to pay_v2, whose client signature needs the player's"
                        + " session_key: give --session-key-file FILE or set " + api.sessionKeyEnv);
            }
            ClientPayments.Formed formed = payments.form(
                    player,
                    world,
                    quantity,
                    Optional.ofNullable(outTradeNo),
                    item,
                    Optional.ofNullable(attach),
                    session);
            Map<String, Object> out = JsonOut.fields(
                    "version", formed.form().version().label(),
                    "api", formed.form().api(),
                    "env", world.name().toLowerCase(java.util.Locale.ROOT),
                    "out_trade_no", formed.form().outTradeNo().value(),
                    "params", formed.form().toClientObject());
            PrintWriter w = spec.commandLine().getOut();
            if (json) {
                w.println(JsonOut.of(out));
            } else {
                w.println("version: " + out.get("version"));
                w.println("api: wx." + out.get("api"));
                w.println("env: " + out.get("env"));
                w.println("out_trade_no: " + out.get("out_trade_no"));
                w.println("params: " + JsonOut.of(formed.form().toClientObject()));
            }
            w.flush();
            return ExitCodes.OK;
        }
    }

    private Optional<PlayerSession> session(Map<String, String> environment) {
        if (sessionKeyFile != null) {
            try {
                String key =
                        Files.readString(sessionKeyFile, StandardCharsets.UTF_8).strip();
                if (key.isEmpty()) {
                    throw CliException.badInput("--session-key-file " + sessionKeyFile + " is empty");
                }
                return Optional.of(PlayerSession.of(openid, key));
            } catch (IOException e) {
                throw CliException.badInput("--session-key-file " + sessionKeyFile + " could not be read ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        String key = environment.get(api.sessionKeyEnv);
        return key == null || key.isEmpty() ? Optional.empty() : Optional.of(api.session(openid, environment));
    }
}
