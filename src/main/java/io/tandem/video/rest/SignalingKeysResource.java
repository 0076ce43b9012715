package io.tandem.video.rest;

import io.tandem.video.SignalingTokens;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** The public key(s) of signaling tokens as a JWK set, for a standalone signaling server (TANDEM_SIGNALING_JWKS_URL). */
@Path("/api/signaling/jwks")
@PermitAll
public class SignalingKeysResource {

    private final SignalingTokens tokens;

    public SignalingKeysResource(SignalingTokens tokens) {
        this.tokens = tokens;
    }

    @GET
    @Produces("application/jwk-set+json")
    public Response keys() {
        return Response.ok(tokens.publicKeys().toJson()).header("Cache-Control", "max-age=300").build();
    }
}
