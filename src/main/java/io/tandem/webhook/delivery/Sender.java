package io.tandem.webhook.delivery;

import io.smallrye.mutiny.Uni;
import io.tandem.config.WebhookConfig;
import io.tandem.webhook.service.Secrets;
import io.tandem.webhook.service.TargetPolicy;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.net.SocketAddress;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeoutException;

/**
 * Sends one signed attempt. Runs on a Vert.x instance of its own (one event loop, a few workers for name lookups), so
 * TLS handshakes and slow receivers never touch the event loops that carry the relay and the REST API. The host is
 * resolved and checked before each attempt and the connection goes to the checked address (DNS rebinding); one
 * deadline covers lookup, connection and the whole answer, and resets the request when it passes.
 */
@Startup // its Vert.x instance is made on the main thread, not lazily on an event loop
@ApplicationScoped
public class Sender {

    /** The attempt's outcome when the receiver answered: its status code. */
    public record Answer(int status) {}

    private final Vertx vertx;
    private final HttpClient client;
    private final TargetPolicy policy;
    private final WebhookConfig config;
    private final Clock clock;

    public Sender(TargetPolicy policy, WebhookConfig config, Clock clock) {
        this.policy = policy;
        this.config = config;
        this.clock = clock;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(4)
                .setInternalBlockingPoolSize(2).setFileSystemOptions(new FileSystemOptions()
                        .setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setVerifyHost(true)
                .setMaxPoolSize(64).setConnectTimeout((int) config.connectTimeout().toMillis()));
    }

    /** The deadline of one attempt, lookup to last byte. */
    public long deadlineMillis() {
        return config.connectTimeout().toMillis() + config.responseTimeout().toMillis();
    }

    /** Sends the event's body to the endpoint, signed with its secret under the event's id. */
    public Uni<Answer> send(DeliveryStore.Endpoint endpoint, DeliveryStore.Claimed delivery) {
        Promise<Answer> result = Promise.promise();
        long deadline = deadlineMillis();
        long timer = vertx.setTimer(deadline, t -> result.tryFail(new TimeoutException(
                "no complete answer within " + deadline + " ms")));
        vertx.executeBlocking(() -> policy.resolve(endpoint.url()), false)
                .compose(target -> attempt(target, endpoint, delivery, result))
                .onComplete(ar -> {
                    vertx.cancelTimer(timer);
                    if (ar.succeeded()) {
                        result.tryComplete(ar.result());
                    } else {
                        result.tryFail(ar.cause());
                    }
                });
        return Uni.createFrom().completionStage(result.future().toCompletionStage());
    }

    private Future<Answer> attempt(TargetPolicy.Target target, DeliveryStore.Endpoint endpoint,
            DeliveryStore.Claimed delivery, Promise<Answer> result) {
        if (result.future().isComplete()) {
            return result.future();
        }
        String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty()
                ? "/"
                : target.uri().getRawPath();
        if (target.uri().getRawQuery() != null) {
            path += "?" + target.uri().getRawQuery();
        }
        String id = delivery.eventId().toString();
        long timestamp = clock.instant().getEpochSecond();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(
                        new InetSocketAddress(target.addresses().get(0), target.port())))
                .setHost(target.host()).setPort(target.port()).setSsl(target.tls()).setURI(path)
                .setFollowRedirects(false)
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.responseTimeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "Tandem-Webhooks/1")
                .putHeader("webhook-id", id)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", Secrets.sign(endpoint.secret(), id, timestamp, delivery.body()));
        return client.request(options).compose(request -> {
            result.future().onFailure(e -> request.reset());
            return request.send(Buffer.buffer(delivery.body())).compose(response -> {
                response.handler(ignored -> {}); // the body is read and dropped, never held (bounded by the deadline)
                return response.end().map(v -> new Answer(response.statusCode()));
            });
        });
    }

    @PreDestroy
    void close() {
        vertx.close();
    }
}
