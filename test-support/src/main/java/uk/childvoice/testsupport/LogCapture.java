package uk.childvoice.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures every log record of the test JVM (all loggers, all levels at or above the configured ones),
 * with parameters and exceptions expanded, so privacy tests can search the whole log output of a run.
 */
public final class LogCapture {
    private static final ConcurrentLinkedQueue<String> RECORDS = new ConcurrentLinkedQueue<>();
    private static volatile boolean installed;

    private LogCapture() {
    }

    /** Attaches the capturing handler to the root logger (idempotent). */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                RECORDS.add(render(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
        installed = true;
    }

    /** Everything captured so far, one record per line (exceptions on the following lines). */
    public static String text() {
        return String.join("\n", RECORDS);
    }

    public static int size() {
        return RECORDS.size();
    }

    public static void clear() {
        RECORDS.clear();
    }

    private static String render(LogRecord record) {
        StringBuilder sb = new StringBuilder();
        sb.append(record.getLevel()).append(' ').append(record.getLoggerName()).append(": ");
        String message = record.getMessage();
        Object[] params = record.getParameters();
        if (message != null && params != null && params.length > 0) {
            try {
                message = message.contains("{0") ? MessageFormat.format(message, params) : String.format(message, params);
            } catch (RuntimeException e) {
                message = message + " " + java.util.Arrays.toString(params);
            }
            sb.append(message).append(' ').append(java.util.Arrays.toString(params));
        } else {
            sb.append(message);
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            sb.append('\n').append(trace);
        }
        return sb.toString();
    }
}
