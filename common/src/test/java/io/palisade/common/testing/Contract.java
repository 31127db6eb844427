package io.palisade.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One internal call between two services, written down once in {@code contracts/*.json} and read by both
 * sides: the consumer's tests check that what it sends matches the request and that it copes with each
 * answer; the provider's tests replay the request against the real provider and expect that answer. Neither
 * side can change the shape of the call alone. {@code {accountId}} stands for the account of the call.
 */
public record Contract(String consumer, String provider, List<Interaction> interactions) {

    public static final String ACCOUNT_ID = "{accountId}";

    /** What the consumer sends and what the provider answers; {@code given} names a state set up first. */
    public record Interaction(String name, String given, String method, String pathTemplate, String credential,
            String contentType, JsonObject bodyTemplate, int status) {

        public String path(UUID accountId) {
            return pathTemplate.replace(ACCOUNT_ID, accountId.toString());
        }

        /** The body with the account id filled in; null for a call without one. */
        public JsonObject body(UUID accountId) {
            return bodyTemplate == null ? null
                    : new JsonObject(bodyTemplate.encode().replace(ACCOUNT_ID, accountId.toString()));
        }

        /** Asserts a sent request path is this interaction's, with some account's id in it. */
        public void assertPathMatches(String sent) {
            String pattern = Pattern.quote(pathTemplate).replace(ACCOUNT_ID, "\\E[0-9a-f-]{36}\\Q");
            assertThat(sent).as("%s: path", name).matches(pattern);
        }

        /** Asserts a sent body has exactly the contract's fields, each of the same JSON type. */
        public void assertBodyShape(JsonObject sent) {
            assertThat(sent.fieldNames()).as("%s: body fields", name).isEqualTo(bodyTemplate.fieldNames());
            for (String field : bodyTemplate.fieldNames()) {
                assertThat(jsonType(sent.getValue(field))).as("%s: type of %s", name, field)
                        .isEqualTo(jsonType(bodyTemplate.getValue(field)));
            }
        }

        private static String jsonType(Object value) {
            return value == null ? "null" : value.getClass().getSimpleName();
        }
    }

    public static Contract load(String name) {
        JsonObject json = new JsonObject(TestTokens.resource("contracts/" + name + ".json"));
        List<Interaction> interactions = new ArrayList<>();
        JsonArray list = json.getJsonArray("interactions");
        for (int i = 0; i < list.size(); i++) {
            JsonObject interaction = list.getJsonObject(i);
            JsonObject request = interaction.getJsonObject("request");
            interactions.add(new Interaction(interaction.getString("name"), interaction.getString("given"),
                    request.getString("method"), request.getString("path"), request.getString("credential"),
                    request.getString("contentType"), request.getJsonObject("body"),
                    interaction.getJsonObject("response").getInteger("status")));
        }
        return new Contract(json.getString("consumer"), json.getString("provider"), List.copyOf(interactions));
    }

    public Interaction interaction(String name) {
        return interactions.stream().filter(interaction -> interaction.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no interaction named '" + name + "'"));
    }
}
