package dev.midasbridge.midas.v1;

import dev.midasbridge.midas.v1.internal.wire.CancelPayRequest;
import dev.midasbridge.midas.v1.internal.wire.GetBalanceRequest;
import dev.midasbridge.midas.v1.internal.wire.PayRequest;
import dev.midasbridge.midas.v1.internal.wire.PresentRequest;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.POST;
import retrofit2.http.Query;

/**
 * The midas 1.0 endpoints and their sandbox twins. Answers come back raw so that the gateway can tell a transport
 * failure (reading the body) from a malformed answer (parsing it).
 */
interface MidasV1Service {
    @POST("cgi-bin/midas/getbalance")
    Call<ResponseBody> getBalance(@Query("access_token") String accessToken, @Body GetBalanceRequest body);

    @POST("cgi-bin/midas/sandbox/getbalance")
    Call<ResponseBody> sandboxGetBalance(@Query("access_token") String accessToken, @Body GetBalanceRequest body);

    @POST("cgi-bin/midas/pay")
    Call<ResponseBody> pay(@Query("access_token") String accessToken, @Body PayRequest body);

    @POST("cgi-bin/midas/sandbox/pay")
    Call<ResponseBody> sandboxPay(@Query("access_token") String accessToken, @Body PayRequest body);

    @POST("cgi-bin/midas/cancelpay")
    Call<ResponseBody> cancelPay(@Query("access_token") String accessToken, @Body CancelPayRequest body);

    @POST("cgi-bin/midas/sandbox/cancelpay")
    Call<ResponseBody> sandboxCancelPay(@Query("access_token") String accessToken, @Body CancelPayRequest body);

    @POST("cgi-bin/midas/present")
    Call<ResponseBody> present(@Query("access_token") String accessToken, @Body PresentRequest body);

    @POST("cgi-bin/midas/sandbox/present")
    Call<ResponseBody> sandboxPresent(@Query("access_token") String accessToken, @Body PresentRequest body);
}
