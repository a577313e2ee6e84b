package dev.midasbridge.adapter.support.testing;

import dev.midasbridge.core.credentials.AccessToken;
import dev.midasbridge.core.credentials.AccessTokenProvider;
import java.util.ArrayList;
import java.util.List;

/** Hands out the given tokens in turn: each invalidate of the current token moves to the next (the last stays). */
public final class RotatingTokens implements AccessTokenProvider {
    private final List<String> tokens;
    private final List<String> invalidated = new ArrayList<>();
    private int index;

    public RotatingTokens(String... tokens) {
        this.tokens = List.of(tokens);
    }

    @Override
    public synchronized AccessToken current() {
        return AccessToken.fixed(tokens.get(Math.min(index, tokens.size() - 1)));
    }

    @Override
    public synchronized void invalidate(AccessToken stale) {
        invalidated.add(stale.value().reveal());
        if (stale.value().reveal().equals(tokens.get(Math.min(index, tokens.size() - 1)))) {
            index++;
        }
    }

    /** The tokens invalidated so far, in order. */
    public synchronized List<String> invalidated() {
        return List.copyOf(invalidated);
    }
}
