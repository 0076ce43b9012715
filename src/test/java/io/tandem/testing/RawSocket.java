package io.tandem.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A plain TCP client for what a browser never sends: partial HTTP requests, and WebSocket frames written header first
 * so a test can see how much of a frame the server reads before it refuses it.
 */
public final class RawSocket implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] mask = new byte[4];
    private long masked;

    private RawSocket(URI base, int readTimeoutMillis) throws IOException {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(readTimeoutMillis);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public static RawSocket open(URI base) throws IOException {
        return new RawSocket(base, 10_000);
    }

    /** Upgrades to the relay of {@code sessionId} as a browser would; returns the socket once the 101 is read. */
    public static RawSocket relay(URI base, String sessionId, String authorization) throws IOException {
        RawSocket raw = open(base);
        String head = raw.upgrade(sessionId, "tandem.v1, " + credential(authorization));
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("no upgrade: " + head.lines().findFirst().orElse(""));
        }
        return raw;
    }

    /** The subprotocol entry that carries {@code authorization} (as the browser client sends it). */
    public static String credential(String authorization) {
        return URLEncoder.encode("quarkus-http-upgrade#Authorization#" + authorization, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    /** Asks for a relay upgrade offering {@code protocols}; returns the response head. */
    public String upgrade(String sessionId, String protocols) throws IOException {
        URI base = URI.create("http://" + socket.getInetAddress().getHostName() + ":" + socket.getPort());
        write(("GET /ws/sessions/" + sessionId + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(new byte[16]) + "\r\nOrigin: " + RelayClient.ORIGIN
                + "\r\nSec-WebSocket-Protocol: " + protocols + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return readHead();
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The response head (status line and headers), read up to the blank line. */
    public String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Writes the header of a masked binary frame of {@code length} bytes; its payload follows with {@link #payload}. */
    public void frameHeader(long length) throws IOException {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(0x82);
        if (length < 126) {
            h.write(0x80 | (int) length);
        } else if (length < 65536) {
            h.write(0x80 | 126);
            h.write((int) (length >> 8));
            h.write((int) length);
        } else {
            h.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                h.write((int) (length >> (8 * i)));
            }
        }
        ThreadLocalRandom.current().nextBytes(mask);
        h.write(mask, 0, 4);
        masked = 0;
        write(h.toByteArray());
    }

    /** Writes payload bytes of the current frame, masked. */
    public void payload(byte[] bytes) throws IOException {
        byte[] m = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            m[i] = (byte) (bytes[i] ^ mask[(int) (masked++ & 3)]);
        }
        write(m);
    }

    /** Sends one whole masked binary frame. */
    public void frame(byte[] payload) throws IOException {
        frameHeader(payload.length);
        payload(payload);
    }

    /** Reads frames until a close frame: its code, or -1 if the connection ended without one. */
    public int closeCode() throws IOException {
        try {
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    return -1;
                }
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = (in.read() << 8) | in.read();
                } else if (len == 127) {
                    len = 0;
                    for (int i = 0; i < 8; i++) {
                        len = (len << 8) | in.read();
                    }
                }
                byte[] payload = in.readNBytes((int) len);
                if ((b0 & 0x0f) == 0x8) {
                    return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                }
            }
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    /** Whether the server has closed the connection: reads (and drops) until the end of the stream. */
    public boolean endsWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (in.read() >= 0) {
                // drop whatever is still coming
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
