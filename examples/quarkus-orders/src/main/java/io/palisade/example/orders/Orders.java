package io.palisade.example.orders;

import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The orders, in memory: this example shows what a service behind the gateway has to do about tokens and
 * owners, not how to store orders. Every read is scoped by the owner, so another user's order is not found
 * rather than refused (no BOLA, and nothing tells a stranger the id exists). Bounded, so the example cannot be
 * filled until it runs out of heap.
 */
@ApplicationScoped
class Orders {

    static final int MAX_ORDERS = 10_000;

    private record Owned(UUID owner, Order order) {
    }

    private final Map<UUID, Owned> byId = new ConcurrentHashMap<>();

    Order place(UUID owner, NewOrder request) {
        if (byId.size() >= MAX_ORDERS) {
            throw new ProblemException(ProblemKind.SERVICE_UNAVAILABLE, "This example holds no more orders.");
        }
        UUID id = UUID.randomUUID();
        Order order = new Order(id.toString(), request.item(), request.quantity(), Instant.now());
        byId.put(id, new Owned(owner, order));
        return order;
    }

    /** The order {@code id} of {@code owner}'s, or of anyone's for an admin; else 404, as for an id never issued. */
    Order find(UUID caller, boolean admin, UUID id) {
        Owned owned = byId.get(id);
        if (owned == null || !admin && !owned.owner().equals(caller)) {
            throw new ProblemException(ProblemKind.NOT_FOUND, "No such order.");
        }
        return owned.order();
    }

    List<Order> of(UUID owner) {
        return byId.values().stream().filter(owned -> owned.owner().equals(owner)).map(Owned::order)
                .sorted(Comparator.comparing(Order::createdAt)).toList();
    }
}
