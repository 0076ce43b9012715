package io.tandem.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The benchmark's anchor (bin/bench --compare): the least a WebSocket relay can do, on the same stack as Tandem's
 * relay (Vert.x and Netty). Rooms by path: every socket on {@code /ws/sessions/<id>} is in room {@code <id>}; every
 * binary message is written, bytes as received, to the room's other sockets. No authentication, no Origin check, no
 * header parsing, no sequence numbers, no limits, no backpressure, no recording. A socket gets one
 * {@code sys.welcome} frame on opening (Tandem's framing: header line, LF, payload), so the harness' clients, which
 * wait for it after their hello, run unchanged; their hellos and pings are forwarded like anything else and ignored
 * by the other side. It runs as its own process, started by {@link SideBySide} with the server's JVM options.
 */
public final class BareForwarder extends AbstractVerticle {

    private static final Map<String, List<ServerWebSocket>> ROOMS = new ConcurrentHashMap<>();
    private static final byte[] WELCOME = "{\"t\":\"sys.welcome\",\"from\":\"server\"}\n{}".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);
    /** As Tandem's transport bound (RelayServerOptions.transportBound): twice the snapshot limit. */
    private static final int MAX_MESSAGE = 8 * 1024 * 1024;

    private final int port;

    private BareForwarder(int port) {
        this.port = port;
    }

    /** {@code BareForwarder <port>}: listens on 127.0.0.1, prints "ready" once every event loop listens. */
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        // as many event loops as Quarkus starts by default (2 per processor), one server verticle on each
        int loops = 2 * Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        vertx.deployVerticle(() -> new BareForwarder(port), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.println("ready on port " + port + " with " + loops + " event loops"))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start(Promise<Void> started) {
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                .setMaxWebSocketFrameSize(MAX_MESSAGE).setMaxWebSocketMessageSize(MAX_MESSAGE)
                .setWebSocketSubProtocols(List.of("tandem.v1"));
        vertx.createHttpServer(options).webSocketHandler(this::join)
                .requestHandler(request -> request.response().end("forwarder\n"))
                .listen().<Void>mapEmpty().onComplete(started);
    }

    private void join(ServerWebSocket socket) {
        String room = socket.path();
        List<ServerWebSocket> members = ROOMS.computeIfAbsent(room, k -> new CopyOnWriteArrayList<>());
        members.add(socket);
        socket.binaryMessageHandler(message -> forward(members, socket, message));
        socket.closeHandler(v -> members.remove(socket));
        socket.exceptionHandler(e -> members.remove(socket));
        socket.writeBinaryMessage(Buffer.buffer(WELCOME));
    }

    private static void forward(List<ServerWebSocket> members, ServerWebSocket from, Buffer message) {
        int others = members.size() - 1;
        for (ServerWebSocket to : members) {
            if (to != from) {
                // the same buffer to one recipient (the benchmark's rooms), a copy each when there are several
                to.writeBinaryMessage(others == 1 ? message : message.copy());
            }
        }
    }
}
