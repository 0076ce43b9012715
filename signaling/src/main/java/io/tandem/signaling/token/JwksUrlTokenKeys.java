package io.tandem.signaling.token;

import java.net.URI;
import java.time.Duration;
import org.jose4j.http.Get;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

/**
 * The app's JWK set fetched over HTTP(S) by the standalone server: cached as the response's Cache-Control allows, and
 * fetched again when a token names an unknown key id (the app rotated its key), at most once per reprieve period.
 */
final class JwksUrlTokenKeys implements TokenKeys {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REFRESH_REPRIEVE = Duration.ofSeconds(1);

    private final HttpsJwksVerificationKeyResolver resolver;

    JwksUrlTokenKeys(URI url, Duration timeout) {
        String scheme = url.getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalArgumentException("the signaling JWKS URL must be http(s), was " + url);
        }
        Get get = new Get();
        get.setConnectTimeout((int) timeout.toMillis());
        get.setReadTimeout((int) timeout.toMillis());
        HttpsJwks jwks = new HttpsJwks(url.toString());
        jwks.setSimpleHttpGet(get);
        jwks.setDefaultCacheDuration(300);
        // The app briefly unreachable (a deploy) should not lock everyone out: keep using the keys we have.
        jwks.setRetainCacheOnErrorDuration(600);
        // A token with an unknown kid triggers a fetch; this bounds how often forged kids can make us fetch.
        jwks.setRefreshReprieveThreshold(REFRESH_REPRIEVE.toMillis());
        resolver = new HttpsJwksVerificationKeyResolver(jwks);
        resolver.setDisambiguateWithVerifySignature(true);
    }

    @Override
    public VerificationKeyResolver resolver() {
        return resolver;
    }
}
