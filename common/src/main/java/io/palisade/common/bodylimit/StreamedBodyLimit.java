package io.palisade.common.bodylimit;

import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Holds a body sent without a Content-Length to its route's limit while Quarkus REST reads it. A declared
 * length is refused before reading ({@link BodyLimits}); a chunked body can only be counted as it streams.
 * Quarkus REST keeps a small body in memory and hands a larger one over as a stream that fills as the bytes
 * arrive, so counting here never waits for the whole body: the read that crosses the limit ends the request
 * with a 413 problem, and nothing has been handled yet. {@code quarkus.http.limits.max-body-size} stays
 * above every route's limit as the transport's own backstop.
 */
@Provider
public class StreamedBodyLimit implements ReaderInterceptor {

    private final BodyLimits limits;
    private final CurrentVertxRequest request;

    StreamedBodyLimit(BodyLimits limits, CurrentVertxRequest request) {
        this.limits = limits;
        this.request = request;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        long limit = limits.limitFor(request.getCurrent());
        context.setInputStream(new Counted(context.getInputStream(), limit));
        return context.proceed();
    }

    private static final class Counted extends FilterInputStream {
        private final long limit;
        private long read;

        Counted(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long bytes) {
            read += bytes;
            if (read > limit) {
                throw new ProblemException(ProblemKind.PAYLOAD_TOO_LARGE,
                        "The request body is larger than this route accepts.");
            }
        }
    }
}
