package io.tandem.staff.signin;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.Authenticated;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Hands the signed-in console page the access token of its server-side sign-in (the web-app tenant's session cookie),
 * refreshed by quarkus-oidc shortly before it expires; the page needs it for the API and the relay subprotocol. The
 * refresh and ID tokens never leave the server.
 */
@Path("/console/token")
@Authenticated
public class ConsoleTokenResource {

    /** The header the page sends: it also makes quarkus-oidc answer 499 instead of redirecting when signed out. */
    static final String SCRIPT_HEADER = "X-Requested-With";

    /** The console's access token. */
    public record ConsoleTokenView(String accessToken) {}

    private final AccessTokenCredential accessToken;

    public ConsoleTokenResource(AccessTokenCredential accessToken) {
        this.accessToken = accessToken;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@HeaderParam(SCRIPT_HEADER) String requestedWith) {
        // A custom header cannot be sent cross-site without a CORS preflight this path never allows.
        if (!"JavaScript".equals(requestedWith)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "Send X-Requested-With: JavaScript.");
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setNoCache(true);
        return Response.ok(new ConsoleTokenView(accessToken.getToken())).cacheControl(noStore)
                .header("Cross-Origin-Resource-Policy", "same-origin").build();
    }
}
