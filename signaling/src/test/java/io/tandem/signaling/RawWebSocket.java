package io.tandem.signaling;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** A hand-rolled WebSocket client for frames a real client library refuses to send (e.g. invalid UTF-8 text). */
final class RawWebSocket implements AutoCloseable {

    /** A frame as read: opcode and payload. */
    record Frame(int opcode, byte[] payload) {

        int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** Opens the socket and completes the upgrade; fails unless the answer is 101. */
    RawWebSocket(int port, String path, String protocols) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Protocol: " + protocols
                + "\r\nOrigin: " + SignalingHarness.ORIGIN
                + "\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(""));
        }
    }

    /** Sends one final frame of the opcode (1 text, 2 binary), masked as clients must. */
    void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    /** Reads until a close frame and returns its code. */
    int awaitCloseCode() throws IOException {
        while (true) {
            Frame frame = read();
            if (frame.opcode() == 8) {
                return frame.closeCode();
            }
        }
    }

    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
