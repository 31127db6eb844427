package io.palisade.database;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Quarkus' reactive pool with one change: a request waits at most {@code palisade.database.connection-timeout}
 * for a connection. The default, 30 s, let a database that accepts connections and never answers (a hung host,
 * a dead network path) hold every request that long and then fail it as a 500; API.md wants a fast 503.
 */
@Singleton
public class BoundedPool implements PgPoolCreator {

    private final DatabaseConfig config;

    BoundedPool(DatabaseConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        int timeoutMs = Math.toIntExact(config.connectionTimeout().toMillis());
        PoolOptions options = new PoolOptions(input.poolOptions())
                .setConnectionTimeout(timeoutMs).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        List<SqlConnectOptions> servers = new ArrayList<>();
        input.pgConnectOptionsList().forEach(server -> servers.add(server.setConnectTimeout(timeoutMs)));
        return PgBuilder.pool().with(options).connectingTo(servers).using(input.vertx()).build();
    }
}
