package io.tandem.signaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.function.IntSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Answers {@code GET /healthz} with {@code {"status":"UP","rooms":n}} for probes; leaves every other path unhandled. */
public class HealthHandler extends Handler.Abstract.NonBlocking {

    static final String PATH = "/healthz";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IntSupplier rooms;

    public HealthHandler(IntSupplier rooms) {
        this.rooms = rooms;
    }

    /** The health document; a record so Jackson keeps the field order stable. */
    public record Health(String status, int rooms) {}

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return false; // the server answers 404
        }
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, HttpMethod.GET.asString());
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        byte[] body = JSON.writeValueAsBytes(new Health("UP", rooms.getAsInt()));
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        // Probes poll often; a cached answer would hide an outage.
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
