package io.tandem.bench;

import java.net.URI;
import java.nio.file.Path;

/** A server the side-by-side benchmark drives ({@link SideBySide}): Tandem or the bare forwarder, as a process. */
interface BenchTarget extends AutoCloseable {

    /** "tandem" or "forwarder": the report's names. */
    String name();

    /** One line for the report: the command it runs, without paths. */
    String description();

    long pid();

    /** Makes sure sessions 0 to {@code n - 1} exist (Tandem: over REST, {@code concurrency} calls at once). */
    void ensureSessions(int n, int concurrency) throws Exception;

    URI uri(int session);

    String origin();

    /** "Customer <credential>" for session {@code session}'s customer socket. */
    String customerAuthorization(int session);

    /** "Bearer <token>" for session {@code session}'s advisor socket. */
    String advisorAuthorization(int session);

    /** The process' -Xlog:gc file (uptime decorations) and the epoch millis its uptime counts from. */
    Path gcLog();

    long startMillis();

    @Override
    void close() throws Exception;

    /** The command as the report shows it: file names without their directories, no -D or -Xlog options. */
    static String shortCommand(java.util.List<String> command) {
        return String.join(" ", command.stream().filter(a -> !a.startsWith("-D") && !a.startsWith("-Xlog") && !a
                .contains(":/")).map(a -> a.contains("/") ? a.substring(a.lastIndexOf('/') + 1) : a).toList());
    }
}
