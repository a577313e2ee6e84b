package dev.midasbridge.payv2;

import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.POST;
import retrofit2.http.Query;

/**
 * The five {@code /wxa/game/*} calls. The body is the already serialized and signed bytes, sent as they are;
 * the answer is read as raw bytes so that an unreadable answer is told apart from a broken connection.
 */
interface PayV2Service {
    @POST("wxa/game/getbalance")
    Call<ResponseBody> getbalance(
            @Query("access_token") String accessToken,
            @Query("signature") String signature,
            @Query("sig_method") String sigMethod,
            @Query("pay_sig") String paySig,
            @Body RequestBody body);

    @POST("wxa/game/pay")
    Call<ResponseBody> pay(
            @Query("access_token") String accessToken,
            @Query("signature") String signature,
            @Query("sig_method") String sigMethod,
            @Query("pay_sig") String paySig,
            @Body RequestBody body);

    @POST("wxa/game/cancelpay")
    Call<ResponseBody> cancelpay(
            @Query("access_token") String accessToken,
            @Query("signature") String signature,
            @Query("sig_method") String sigMethod,
            @Query("pay_sig") String paySig,
            @Body RequestBody body);

    @POST("wxa/game/present")
    Call<ResponseBody> present(
            @Query("access_token") String accessToken,
            @Query("signature") String signature,
            @Query("sig_method") String sigMethod,
            @Query("pay_sig") String paySig,
            @Body RequestBody body);

    @POST("wxa/game/queryorderinfo")
    Call<ResponseBody> queryorderinfo(
            @Query("access_token") String accessToken,
            @Query("signature") String signature,
            @Query("sig_method") String sigMethod,
            @Query("pay_sig") String paySig,
            @Body RequestBody body);
}
