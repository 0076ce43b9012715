package io.tandem.signaling;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The signaling server's log lines (System.Logger goes to java.util.logging), formatted, while open. */
final class LogCapture implements AutoCloseable {

    private final Logger logger = Logger.getLogger("io.tandem.signaling");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Throwable> thrown = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            Object[] parameters = record.getParameters();
            String message = parameters == null || parameters.length == 0
                    ? record.getMessage()
                    : MessageFormat.format(record.getMessage(), parameters);
            lines.add(record.getLevel() + " " + message);
            if (record.getThrown() != null) {
                thrown.add(record.getThrown());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    LogCapture() {
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** The lines logged so far that contain the text. */
    List<String> containing(String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Stack traces logged so far. */
    List<Throwable> thrown() {
        return List.copyOf(thrown);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
