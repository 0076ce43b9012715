package io.tandem.signaling.token;

import java.net.URI;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

/** Where the public keys that verify signaling tokens come from: handed over in-process, or fetched from a JWKS URL. */
public interface TokenKeys {

    /** Resolves the key for a token's signature (by {@code kid} when the token names one). */
    VerificationKeyResolver resolver();

    /** Keys the embedding app hands over, as the JWK set it publishes. */
    static TokenKeys of(JsonWebKeySet keys) {
        return new InProcessTokenKeys(keys.getJsonWebKeys());
    }

    /** Bare public keys (EC P-256 or RSA) of the embedding app. */
    static TokenKeys of(PublicKey... keys) {
        return InProcessTokenKeys.ofPublicKeys(List.of(keys));
    }

    /** The JWK set published at {@code url} (the standalone server), cached and re-fetched for unknown key ids. */
    static TokenKeys fromJwksUrl(URI url) {
        return new JwksUrlTokenKeys(url, JwksUrlTokenKeys.DEFAULT_TIMEOUT);
    }

    /** As {@link #fromJwksUrl(URI)} with a connect and read timeout for the fetch. */
    static TokenKeys fromJwksUrl(URI url, Duration timeout) {
        return new JwksUrlTokenKeys(url, timeout);
    }
}
