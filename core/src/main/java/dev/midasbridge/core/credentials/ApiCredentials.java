package dev.midasbridge.core.credentials;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import java.util.Objects;
import java.util.Optional;

/**
 * The credentials of one API version: its offer id (1.0 and 2.0 offers differ), a production and a sandbox
 * AppKey, and for midas 1.0 the mini-game's appid. {@code toString()} masks the keys.
 */
public final class ApiCredentials {
    private final ApiVersion version;
    private final String appId;
    private final String offerId;
    private final Secret productionAppKey;
    private final Secret sandboxAppKey;

    private ApiCredentials(
            ApiVersion version, String appId, String offerId, Secret productionAppKey, Secret sandboxAppKey) {
        this.version = Objects.requireNonNull(version, "version");
        this.appId = appId;
        this.offerId = requireText("offer_id", offerId, version);
        this.productionAppKey = Objects.requireNonNull(productionAppKey, "production AppKey");
        this.sandboxAppKey = Objects.requireNonNull(sandboxAppKey, "sandbox AppKey");
    }

    /** midas 1.0 credentials: the mini-game's appid, the 1.0 offer id and the midas AppKeys. */
    public static ApiCredentials midasV1(String appId, String offerId, Secret productionAppKey, Secret sandboxAppKey) {
        return new ApiCredentials(
                ApiVersion.MIDAS_V1,
                requireText("appid", appId, ApiVersion.MIDAS_V1),
                offerId,
                productionAppKey,
                sandboxAppKey);
    }

    /** pay_v2 credentials: the 2.0 offer id and the 2.0 AppKeys. */
    public static ApiCredentials payV2(String offerId, Secret productionAppKey, Secret sandboxAppKey) {
        return new ApiCredentials(ApiVersion.PAY_V2, null, offerId, productionAppKey, sandboxAppKey);
    }

    private static String requireText(String field, String value, ApiVersion version) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " of the " + version.label() + " credentials must not be empty");
        }
        return value;
    }

    public ApiVersion version() {
        return version;
    }

    /** The mini-game's appid (midas 1.0 only). */
    public Optional<String> appId() {
        return Optional.ofNullable(appId);
    }

    public String offerId() {
        return offerId;
    }

    /** The AppKey for {@code environment}: production and sandbox each have their own. */
    public Secret appKey(dev.midasbridge.core.Environment environment) {
        return environment == Environment.SANDBOX ? sandboxAppKey : productionAppKey;
    }

    @Override
    public String toString() {
        return "ApiCredentials[" + version.label() + (appId == null ? "" : ", appid=" + appId) + ", offer_id=" + offerId
                + ", app_key=" + Secret.MASK + ", sandbox_app_key=" + Secret.MASK + "]";
    }
}
