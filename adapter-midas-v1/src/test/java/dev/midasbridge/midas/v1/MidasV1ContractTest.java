package dev.midasbridge.midas.v1;

import dev.midasbridge.adapter.support.testing.GatewayContract;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.gateway.CurrencyGateway;

/** The shared gateway contract (token failures are "not sent", beforeSend once per request) for midas 1.0. */
class MidasV1ContractTest extends GatewayContract {
    @Override
    protected CurrencyGateway gateway(String baseUrl, AccessTokenProvider tokens) {
        return MidasV1.create(
                MidasV1Config.builder(MidasV1Fixture.credentials())
                        .baseUrl(baseUrl)
                        .clock(MidasV1Fixture.clock())
                        .build(),
                tokens);
    }

    @Override
    protected PlayerSession session() {
        return MidasV1Fixture.session();
    }

    @Override
    protected String payAnswer(String billNo) {
        return "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"" + billNo + "\",\"balance\":95,\"used_gen_amt\":0}";
    }

    @Override
    protected ApiVersion version() {
        return ApiVersion.MIDAS_V1;
    }
}
