package io.palisade.common.json;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    public record Patch(String displayName, String bio) {}

    private final ObjectMapper mapper = strictMapper();

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    @Test
    void shouldRefuseAnUnknownField() {
        assertThatThrownBy(() -> mapper.readValue("{\"displayName\":\"a\",\"groups\":[\"admin\"]}", Patch.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void shouldRefuseADuplicateField() {
        assertThatThrownBy(() -> mapper.readValue("{\"bio\":\"a\",\"bio\":\"b\"}", Patch.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void shouldRefuseTrailingData() {
        assertThatThrownBy(() -> mapper.readValue("{\"bio\":\"a\"} {\"bio\":\"b\"}", Patch.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void shouldRefuseDeepNestingAndHugeStrings() {
        String deep = "[".repeat(StrictJson.MAX_NESTING + 1) + "]".repeat(StrictJson.MAX_NESTING + 1);
        assertThatThrownBy(() -> mapper.readTree(deep)).isInstanceOf(JsonProcessingException.class);
        String huge = "{\"bio\":\"" + "x".repeat(StrictJson.MAX_STRING_LENGTH + 1) + "\"}";
        assertThatThrownBy(() -> mapper.readValue(huge, Patch.class)).isInstanceOf(JsonProcessingException.class);
    }
}
