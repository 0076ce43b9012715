package io.tandem.signaling.token;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;

/** Public keys held in memory, handed over by the app that embeds the server (no network at verification time). */
final class InProcessTokenKeys implements TokenKeys {

    private final JwksVerificationKeyResolver resolver;

    InProcessTokenKeys(List<JsonWebKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one signaling verification key is required");
        }
        for (JsonWebKey key : keys) {
            // A private or symmetric key here would be a configuration mistake worth failing loudly on.
            if (!(key instanceof PublicJsonWebKey)) {
                throw new IllegalArgumentException("signaling verification keys must be EC or RSA public keys");
            }
        }
        resolver = new JwksVerificationKeyResolver(List.copyOf(keys));
        // Tokens without a kid, or a kid that several keys share, still find their key by trying each.
        resolver.setDisambiguateWithVerifySignature(true);
    }

    static InProcessTokenKeys ofPublicKeys(List<PublicKey> keys) {
        List<JsonWebKey> jwks = new ArrayList<>();
        for (PublicKey key : keys) {
            try {
                jwks.add(PublicJsonWebKey.Factory.newPublicJwk(key));
            } catch (JoseException e) {
                throw new IllegalArgumentException("unsupported signaling verification key: " + key.getAlgorithm(), e);
            }
        }
        return new InProcessTokenKeys(jwks);
    }

    @Override
    public VerificationKeyResolver resolver() {
        return resolver;
    }
}
