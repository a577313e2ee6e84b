package dev.midasbridge.core.credentials;

import java.util.Set;

/**
 * Where adapters get the access token from. When the API answers that the token is invalid or expired
 * ({@link #INVALID_TOKEN_ERRCODES}), the adapter calls {@link #invalidate} and repeats the call once.
 * Implementations must be safe to share across threads.
 */
public interface AccessTokenProvider {
    /** The errcodes that mean "this access token is invalid or expired": 40001, 40014, 42001. */
    Set<Integer> INVALID_TOKEN_ERRCODES = Set.of(40001, 40014, 42001);

    /** A token valid now (fetched or cached). */
    AccessToken current();

    /** Tells the provider that {@code stale} was refused, so that the next {@link #current()} gets a new one. */
    void invalidate(AccessToken stale);

    /** A provider that always returns the one configured token. */
    static AccessTokenProvider fixed(String token) {
        AccessToken t = AccessToken.fixed(token);
        return new AccessTokenProvider() {
            @Override
            public AccessToken current() {
                return t;
            }

            @Override
            public void invalidate(AccessToken stale) {
                // A fixed token cannot be renewed: the repeated call fails with ACCESS_TOKEN_INVALID.
            }

            @Override
            public String toString() {
                return "AccessTokenProvider.fixed[" + Secret.MASK + "]";
            }
        };
    }
}
