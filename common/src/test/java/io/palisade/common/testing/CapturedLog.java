package io.palisade.common.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log record the service under test writes while it is open, as text: the message, its parameters and
 * any exception, which is everything a formatter could put into a line. For tests that a secret never
 * reaches a log: {@code try (CapturedLog log = CapturedLog.start()) { ...; assertThat(log.lines()).noneMatch(...); }}
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    private static final Logger ROOT = Logger.getLogger("");

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private CapturedLog() {
    }

    public static CapturedLog start() {
        CapturedLog log = new CapturedLog();
        ROOT.addHandler(log);
        return log;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record.getMessage() + " " + (record.getParameters() == null ? "" : List.of(record.getParameters()))
                + " " + record.getThrown());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        ROOT.removeHandler(this);
    }
}
