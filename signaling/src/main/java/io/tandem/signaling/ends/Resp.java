package io.tandem.signaling.ends;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;

/**
 * The few pieces of RESP2 (Redis' protocol) the standalone signaling server needs, without a client library:
 * {@code redis://} or {@code rediss://} (TLS) with optional {@code user:password@}, commands as arrays of bulk
 * strings, and replies read as String (simple or bulk), Long, List or null; an error reply is an IOException.
 */
public final class Resp {

    private static final int MAX_BULK_BYTES = 64 * 1024;
    private static final int MAX_ARRAY = 64;

    private Resp() {}

    /** Checks the URL's form (redis:// or rediss:// with a host); nothing is connected. */
    public static URI check(URI url) {
        if (url.getScheme() == null || !(url.getScheme().equals("redis") || url.getScheme().equals("rediss"))
                || url.getHost() == null) {
            throw new IllegalArgumentException("not a redis:// or rediss:// URL");
        }
        return url;
    }

    /** A connected socket, authenticated when the URL names credentials. */
    static Socket open(URI url) throws IOException {
        boolean tls = url.getScheme().equals("rediss");
        int port = url.getPort() < 0 ? 6379 : url.getPort();
        Socket s = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        try {
            s.connect(new InetSocketAddress(url.getHost(), port), 5_000);
            s.setKeepAlive(true);
            s.setSoTimeout(10_000);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    static void authenticate(URI url, InputStream in, OutputStream out) throws IOException {
        String userInfo = url.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            return;
        }
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? "" : decode(userInfo.substring(0, colon));
        String password = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
        if (user.isEmpty()) {
            write(out, "AUTH", password);
        } else {
            write(out, "AUTH", user, password);
        }
        if (!"OK".equals(read(in))) {
            throw new IOException("Redis refused the credentials");
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    static void write(OutputStream out, String... parts) throws IOException {
        StringBuilder command = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            command.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part)
                    .append("\r\n");
        }
        out.write(command.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One RESP2 value: a String (simple or bulk), a Long, a List, or null; an error reply is an IOException. */
    static Object read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("Redis closed the connection");
        }
        String line = line(in);
        switch (type) {
            case '+' :
                return line;
            case '-' :
                throw new IOException("Redis error: " + line);
            case ':' :
                return Long.parseLong(line);
            case '$' : {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                if (length > MAX_BULK_BYTES) {
                    throw new IOException("Redis sent " + length + " bytes in one value");
                }
                byte[] bytes = in.readNBytes(length);
                if (bytes.length != length || in.read() != '\r' || in.read() != '\n') {
                    throw new IOException("Redis closed the connection");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case '*' : {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                if (count > MAX_ARRAY) {
                    throw new IOException("Redis sent an array of " + count);
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default :
                throw new IOException("not RESP (type byte " + type + ")");
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0 || line.length() > 1024) {
                throw new IOException("Redis closed the connection");
            }
            line.append((char) c);
        }
        if (in.read() != '\n') {
            throw new IOException("not RESP (no line feed)");
        }
        return line.toString();
    }
}
