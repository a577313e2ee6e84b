package dev.midasbridge.cli;

import com.google.inject.Injector;
import dev.midasbridge.app.config.ConfigFile;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.BizType;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.GrantReceipt;
import dev.midasbridge.core.operation.OrderInfo;
import dev.midasbridge.core.operation.OrderQuery;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.operation.RefundReceipt;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.journal.Journal;
import dev.midasbridge.engine.journal.JournalKey;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code balance}, {@code pay}, {@code refund}, {@code grant}, {@code query-order}: one call through the bridge. */
final class PaymentCommands {
    private PaymentCommands() {}

    private static final String SECRETS = "%nSecrets come from the environment: the player's session_key from"
            + " MIDAS_BRIDGE_SESSION_KEY (or --session-key-env), keys and token as the config file names them.";

    /** What every payment command shares: the bridge, the player and the output. */
    abstract static class Call implements Callable<Integer> {
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

        @Option(names = "--json", description = "Print the result as one JSON object.")
        boolean json;

        /** The configuration file in use (set before {@link #run}). */
        ConfigFile file;

        @Override
        public final Integer call() {
            Map<String, String> env = root.env();
            file = api.configFile(env);
            Injector injector = api.injector(file, !needsJournal(), spec);
            try (Journal journal = injector.getInstance(Journal.class)) {
                Environment environment = api.environment(file);
                Map<String, Object> result;
                try {
                    result = run(
                            injector.getInstance(GameCurrency.class),
                            journal,
                            Player.of(openid, zone),
                            api.session(openid, env),
                            environment);
                } catch (PaymentException e) {
                    throw isRead() ? readFailure(e) : e;
                }
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(JsonOut.of(result));
                } else {
                    result.forEach((k, v) -> out.println(k + ": " + v));
                }
                out.flush();
                return ExitCodes.OK;
            }
        }

        abstract Map<String, Object> run(
                GameCurrency bridge, Journal journal, Player player, PlayerSession session, Environment environment);

        /** Whether the command only reads (nothing is journaled, so no order number to retry with). */
        boolean isRead() {
            return false;
        }

        /**
         * A read's failure in a read's words: the payment exception's advice speaks of retrying "with the same order
         * number", which means nothing for a read, so it is replaced. A read that got no usable answer or sent
         * nothing changed nothing: run it again (exit 5).
         */
        CliException readFailure(PaymentException e) {
            String message = e.getMessage();
            String advice = e.kind().advice();
            String what;
            if (message.endsWith(" (" + advice + ")")) {
                what = message.substring(0, message.length() - advice.length() - 3);
            } else if (message.endsWith(advice)) {
                what = message.substring(0, message.length() - advice.length());
            } else {
                what = message;
            }
            what = what.strip();
            if (what.endsWith(":")) {
                what = what.substring(0, what.length() - 1);
            }
            String read = spec.name().equals("balance") ? "the balance" : "the order";
            return switch (e.kind().category()) {
                case OUTCOME_UNKNOWN ->
                    new CliException(
                            ExitCodes.NOT_APPLIED_TRY_LATER,
                            (what.isEmpty() ? "" : what + ": ") + "no usable answer for " + read + " (" + e.kind()
                                    + "); a read changes"
                                    + " nothing: run it again",
                            e);
                case RETRYABLE ->
                    new CliException(
                            ExitCodes.NOT_APPLIED_TRY_LATER,
                            (what.isEmpty() ? "" : what + ": ")
                                    + (e.kind() == ErrorKind.ACCESS_TOKEN_UNAVAILABLE
                                            ? "the access token could not be" + " fetched, so " + read
                                                    + " was not asked for"
                                            : read + " was not asked for (" + e.kind() + ")")
                                    + "; run it again later",
                            e);
                default -> new CliException(BridgeCli.exitCodeOf(e), message, e);
            };
        }

        /** Whether the command writes or reads the journal (otherwise it is opened only if used). */
        boolean needsJournal() {
            return true;
        }
    }

    @Command(
            name = "balance",
            mixinStandardHelpOptions = true,
            description = "A player's balance, from the version" + " the player is routed to.",
            footer = {
                "%nExample:",
                "  MIDAS_BRIDGE_SESSION_KEY=... bridge balance" + " --openid oUrsf0000 --config bridge.json",
                SECRETS,
                ExitCodes.HELP
            })
    static final class BalanceCommand extends Call {
        @Override
        boolean isRead() {
            return true;
        }

        @Override
        boolean needsJournal() {
            return false; // a balance read journals nothing: a missing or locked journal must not stop it
        }

        @Override
        Map<String, Object> run(
                GameCurrency bridge, Journal journal, Player player, PlayerSession session, Environment env) {
            Balance b = bridge.balance(player, session, env);
            return JsonOut.fields(
                    "openid",
                    player.openid(),
                    "version",
                    bridge.router().route(player, env).label(),
                    "balance",
                    b.balance(),
                    "present_balance",
                    b.presentBalance(),
                    "first_save",
                    b.firstSave(),
                    "sum_save",
                    b.sumSave(),
                    "sum_balance",
                    b.sumBalance(),
                    "sum_cost",
                    b.sumCost(),
                    "sum_present",
                    b.sumPresent());
        }
    }

    @Command(
            name = "pay",
            mixinStandardHelpOptions = true,
            description =
                    "Deduct coins (journaled, retried with the" + " same order number while the outcome is unknown).",
            footer = {
                "%nExample:",
                "  bridge pay --openid oUrsf0000 --amount 10 --order BillNo_123 --item diamond",
                SECRETS,
                ExitCodes.HELP
            })
    static final class PayCommand extends Call {
        @Option(names = "--amount", required = true, description = "Coins to deduct (> 0).")
        long amount;

        @Option(names = "--order", required = true, description = "The order number (bill_no).")
        String order;

        @Option(names = "--item", description = "What was bought (v1 pay_item, v2 payitem).")
        String item;

        @Option(names = "--remark", description = "A remark (v1 app_remark, v2 remark).")
        String remark;

        @Option(names = "--user-ip", description = "The player's public IP.")
        String userIp;

        @Override
        Map<String, Object> run(
                GameCurrency bridge, Journal journal, Player player, PlayerSession session, Environment env) {
            Deduction d = new Deduction(
                    player,
                    amount,
                    OrderNo.of(order),
                    Optional.ofNullable(item),
                    Optional.ofNullable(remark),
                    Optional.ofNullable(userIp));
            DeductionReceipt r = bridge.deduct(d, session, env);
            return JsonOut.fields(
                    "order",
                    r.orderNo().value(),
                    "version",
                    r.version().label(),
                    "balance",
                    r.balance(),
                    "present_used",
                    r.presentUsed());
        }
    }

    @Command(
            name = "grant",
            mixinStandardHelpOptions = true,
            description = "Grant free coins (journaled and retried" + " like pay).",
            footer = {
                "%nExample:",
                "  bridge grant --openid oUrsf0000 --amount 5 --order gift-0001",
                SECRETS,
                ExitCodes.HELP
            })
    static final class GrantCommand extends Call {
        @Option(names = "--amount", required = true, description = "Coins to grant (> 0).")
        long amount;

        @Option(names = "--order", required = true, description = "The order number (bill_no).")
        String order;

        @Option(names = "--user-ip", description = "The player's public IP.")
        String userIp;

        @Override
        Map<String, Object> run(
                GameCurrency bridge, Journal journal, Player player, PlayerSession session, Environment env) {
            GrantReceipt r = bridge.grant(
                    new Grant(player, amount, OrderNo.of(order), Optional.ofNullable(userIp)), session, env);
            return JsonOut.fields(
                    "order", r.orderNo().value(), "version", r.version().label(), "balance", r.balance());
        }
    }

    @Command(
            name = "refund",
            mixinStandardHelpOptions = true,
            description = "Refund a deduction on the version that"
                    + " made it (midas 1.0: whole; pay_v2: whole or part). For a deduction the journal does not know (made"
                    + " elsewhere), --api v1|v2 or the config's unjournaled_order_version names the version.",
            footer = {
                "%nExample:",
                "  bridge refund --openid oUrsf0000 --order BillNo_123 --refund-order R_BillNo_123 --amount 10",
                SECRETS,
                ExitCodes.HELP
            })
    static final class RefundCommand extends Call {
        @Option(names = "--order", required = true, description = "The deduction's order number.")
        String order;

        @Option(names = "--refund-order", required = true, description = "A new order number for the refund.")
        String refundOrder;

        @Option(
                names = "--amount",
                description =
                        "Coins to give back (pay_v2: may be partial; default: the whole" + " journaled deduction).")
        Long amount;

        @Override
        Map<String, Object> run(
                GameCurrency bridge, Journal journal, Player player, PlayerSession session, Environment env) {
            boolean journaled =
                    journal.find(JournalKey.of(env, player, refundOrder)).isPresent()
                            || journal.find(JournalKey.of(env, player, order)).isPresent();
            if (!journaled && api.api == null && file.unjournaledOrderVersion().isEmpty()) {
                throw CliException.badInput("refund of " + order + ": the journal does not know this deduction, so"
                        + " it cannot tell which version made it; give --api v1|v2 (the version that made it), or set"
                        + " \"unjournaled_order_version\": \"v1\" or \"v2\" in the config file. Nothing was sent");
            }
            Refund refund = new Refund(
                    player,
                    OrderNo.of(order),
                    Optional.of(OrderNo.of(refundOrder)),
                    amount == null ? OptionalLong.empty() : OptionalLong.of(amount),
                    Optional.empty(),
                    Optional.empty());
            RefundReceipt r = bridge.refund(refund, session, env);
            return JsonOut.fields(
                    "refund_order",
                    r.orderNo().value(),
                    "of",
                    order,
                    "version",
                    r.version().label());
        }
    }

    @Command(
            name = "query-order",
            mixinStandardHelpOptions = true,
            description = "The state of a purchase order" + " (pay_v2 only).",
            footer = {
                "%nExample:",
                "  bridge query-order --openid oUrsf0000 --out-trade-no T123" + " --biz-id 1",
                SECRETS,
                ExitCodes.HELP
            })
    static final class QueryOrderCommand extends Call {
        @Option(names = "--out-trade-no", required = true, description = "The purchase order number.")
        String outTradeNo;

        @Option(
                names = "--biz-id",
                defaultValue = "1",
                description = "1 coins, 2 direct item purchase (default" + " ${DEFAULT-VALUE}).")
        int bizId;

        @Override
        boolean isRead() {
            return true;
        }

        @Override
        Map<String, Object> run(
                GameCurrency bridge, Journal journal, Player player, PlayerSession session, Environment env) {
            OrderInfo o = bridge.queryOrder(OrderQuery.of(player, outTradeNo, BizType.fromCode(bizId)), session, env);
            return JsonOut.fields(
                    "out_trade_no",
                    o.outTradeNo(),
                    "pay_state",
                    o.payState(),
                    "deliver_state",
                    o.deliverState(),
                    "pay_finish_time",
                    o.payFinishTime(),
                    "mch_order_no",
                    o.mchOrderNo(),
                    "transaction_id",
                    o.transactionId(),
                    "product_id",
                    o.productId());
        }
    }
}
