package io.palisade.common.testing;

import static io.restassured.RestAssured.given;

import java.net.URL;
import java.util.Arrays;
import java.util.stream.DoubleStream;

/** Reads samples from a service's Prometheus endpoint, in the 0.0.4 text format. */
public final class Metrics {

    private Metrics() {
    }

    public static String scrape(URL endpoint) {
        return given().accept("text/plain").get(endpoint).then().statusCode(200).extract().asString();
    }

    /** The sum of every series of {@code name} whose labels contain all {@code labels}; 0 when there is none. */
    public static double sum(String scrape, String name, String... labels) {
        return samples(scrape, name, labels).sum();
    }

    /** Like {@link #sum}, but a metric that is not exported at all fails the test. */
    public static double value(String scrape, String name, String... labels) {
        double[] values = samples(scrape, name, labels).toArray();
        if (values.length == 0) {
            throw new AssertionError(name + " is not exported");
        }
        return Arrays.stream(values).sum();
    }

    private static DoubleStream samples(String scrape, String name, String... labels) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
    }
}
