package io.palisade.common.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Captures the security-event log lines of the service under test, with the fields (MDC) each line carried
 * when it was written: what the JSON formatter turns into the line's fields.
 */
public final class CapturedEvents extends Handler implements AutoCloseable {

    private static final Logger SECURITY = Logger.getLogger("io.palisade.security");

    private final List<Map<String, String>> lines = new CopyOnWriteArrayList<>();

    private CapturedEvents() {
    }

    public static CapturedEvents start() {
        CapturedEvents captured = new CapturedEvents();
        SECURITY.addHandler(captured);
        return captured;
    }

    /** The fields of every captured line of {@code event}, oldest first. */
    public List<Map<String, String>> of(String event) {
        return lines.stream().filter(fields -> event.equals(fields.get("event"))).toList();
    }

    @Override
    public void publish(LogRecord record) {
        if (record instanceof ExtLogRecord extended) {
            Map<String, String> fields = new java.util.HashMap<>();
            extended.getMdcCopy().forEach((key, value) -> fields.put(key, String.valueOf(value)));
            lines.add(fields);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        SECURITY.removeHandler(this);
    }
}
