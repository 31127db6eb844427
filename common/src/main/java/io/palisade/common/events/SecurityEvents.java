package io.palisade.common.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.common.clientip.ClientIps;
import io.palisade.common.requestid.RequestIds;
import io.palisade.common.tracing.Traces;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Records a security event: one structured log line with an {@code event} field, and one increment of
 * {@code palisade_security_events_total{event,detail}}. Detail values must come from a closed set (a
 * policy name, an outcome), never from request data, or the metric's cardinality becomes the attacker's.
 * During a request the line also carries its {@code requestId} and {@code clientIp}, read from the
 * request's Vert.x context: the MDC of the thread that happens to record the event is no guide, since a flow
 * hops between threads. Callers add {@code accountId} where they know it. The request's span gets the same
 * event, so a trace shows why a request was refused.
 */
@ApplicationScoped
public class SecurityEvents {

    public static final String METRIC = "palisade.security.events";
    private static final String NO_DETAIL = "none";

    private static final Logger LOG = Logger.getLogger("io.palisade.security");

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    SecurityEvents(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(SecurityEvent event) {
        record(event, NO_DETAIL, Map.of());
    }

    public void record(SecurityEvent event, Map<String, String> fields) {
        record(event, NO_DETAIL, fields);
    }

    /**
     * @param detail a value from a closed set that splits the counter (a rate-limit policy, for one)
     * @param fields extra log fields (ids, never secrets)
     */
    public void record(SecurityEvent event, String detail, Map<String, String> fields) {
        counter(event, detail).increment();
        Traces.event(event.tag(), NO_DETAIL.equals(detail) ? null : detail, fields);
        Map<String, String> logged = new LinkedHashMap<>(fields);
        logged.put("event", event.tag());
        putIfKnown(logged, RequestIds.MDC_KEY, RequestIds.current());
        putIfKnown(logged, "clientIp", ClientIps.current());
        if (!NO_DETAIL.equals(detail)) {
            logged.put("eventDetail", detail);
        }
        Map<String, Object> previous = MDC.getMap();
        logged.forEach(MDC::put);
        try {
            LOG.infof("security event %s", event.tag());
        } finally {
            logged.keySet().forEach(MDC::remove);
            previous.forEach(MDC::put);
        }
    }

    private static void putIfKnown(Map<String, String> fields, String key, String value) {
        if (value != null) {
            fields.putIfAbsent(key, value);
        }
    }

    /** Registers every event at zero, so dashboards and alerts see each series before its first event. */
    void registerAll(@Observes StartupEvent start) {
        for (SecurityEvent event : SecurityEvent.values()) {
            counter(event, NO_DETAIL);
        }
    }

    private Counter counter(SecurityEvent event, String detail) {
        return counters.computeIfAbsent(event.tag() + '|' + detail, key -> Counter.builder(METRIC)
                .description("Security events by kind")
                .tag("event", event.tag())
                .tag("detail", detail)
                .register(registry));
    }
}
