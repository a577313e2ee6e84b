package dev.midasbridge.core.push;

import dev.midasbridge.core.Environment;
import java.util.Optional;

/**
 * One verified pay_v2 push event: its {@code Event} name, the exact {@code MiniGame.Payload} string it was signed
 * over, {@code IsMock}, and the environment of the payload's {@code Env}. Known events are typed records; any other
 * event is an {@link UnknownEvent}, kept raw, never dropped.
 */
public sealed interface PushEvent permits CoinDelivered, ItemDelivered, UnknownEvent {
    /** Coin delivery completed (代币发货完成通知), as named on the "支付类事件订阅" page. */
    String COIN_DELIVERED = "minigame_coin_deliver_completed";
    /** Direct item purchase in the game (道具直购, 游戏内). */
    String ITEM_DELIVERED = "minigame_game_pay_goods_deliver_notify";
    /** Direct item purchase in the mall (道具直购, 商城); same payload as {@link #ITEM_DELIVERED}. */
    String MALL_ITEM_DELIVERED = "minigame_h5_goods_deliver_notify";
    /** The answer WeChat waits for (it retries until it gets it). */
    String SUCCESS_ANSWER = "{\"ErrCode\":0,\"ErrMsg\":\"Success\"}";

    /** The {@code Event} string. */
    String eventName();

    /** The exact {@code MiniGame.Payload} string, as signed by {@code PayEventSig}. */
    String payload();

    /** {@code IsMock}: a simulated push to check shapes; answer it, never deliver it. */
    boolean mock();

    /** The payload's {@code Env}: 0 production, 1 sandbox. */
    Environment environment();

    /** The payload's {@code OutTradeNo}, when it has one. */
    Optional<String> outTradeNo();

    /**
     * The key under which a delivery is journaled once: {@code eventName + ":" + OutTradeNo} when the payload has an
     * {@code OutTradeNo}, otherwise {@code eventName + ":sha256:" + hex(SHA-256(eventName + "&" + payload))}.
     */
    default String dedupKey() {
        return PushEvents.dedupKey(eventName(), payload(), outTradeNo());
    }
}
