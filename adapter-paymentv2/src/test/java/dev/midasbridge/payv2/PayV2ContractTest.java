package dev.midasbridge.payv2;

import dev.midasbridge.adapter.support.testing.GatewayContract;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.gateway.CurrencyGateway;

/** The shared gateway contract (token failures are "not sent", beforeSend once per request) for pay_v2. */
class PayV2ContractTest extends GatewayContract {
    @Override
    protected CurrencyGateway gateway(String baseUrl, AccessTokenProvider tokens) {
        return PayV2.create(Fixture.config(baseUrl), tokens);
    }

    @Override
    protected PlayerSession session() {
        return Fixture.SESSION;
    }

    @Override
    protected String payAnswer(String billNo) {
        return "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"" + billNo
                + "\",\"balance\":95,\"used_present_amount\":0}";
    }

    @Override
    protected ApiVersion version() {
        return ApiVersion.PAY_V2;
    }
}
