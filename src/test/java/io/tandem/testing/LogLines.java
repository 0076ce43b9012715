package io.tandem.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** The application's log records (every logger, via the root handler), kept while open. */
public final class LogLines extends Handler implements AutoCloseable {

    /** One record: its formatted text and whether it carried a stack trace. */
    public record Line(String level, String text, Throwable thrown) {}

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    public LogLines() {
        Logger.getLogger("").addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        String text = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        lines.add(new Line(record.getLevel().getName(), String.valueOf(text), record.getThrown()));
    }

    /** The records so far whose text contains {@code part}. */
    public List<Line> containing(String part) {
        return lines.stream().filter(l -> l.text().contains(part)).toList();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
