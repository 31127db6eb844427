package io.palisade.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    public record Patch(String displayName, String bio) {}

    public record Counts(int size, boolean enabled, double ratio) {}

    private final ObjectMapper mapper = strictMapper();

    /** Quarkus' own customizer turns unknown-field failures off; StrictJson runs after it and must win. */
    private static ObjectMapper asQuarkusLeavesIt() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = asQuarkusLeavesIt();
        new StrictJson().customize(mapper);
        return mapper;
    }

    @Test
    void withoutItTheMapperWouldAcceptUnknownFieldsAndCoerceScalars() throws JsonProcessingException {
        assertThat(asQuarkusLeavesIt().readValue("{\"displayName\":5,\"groups\":[\"admin\"]}", Patch.class))
                .isEqualTo(new Patch("5", null));
    }

    @Test
    void refusesAnUnknownField() {
        assertThatThrownBy(() -> mapper.readValue("{\"displayName\":\"a\",\"groups\":[\"admin\"]}", Patch.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void refusesADuplicateField() {
        assertThatThrownBy(() -> mapper.readValue("{\"bio\":\"a\",\"bio\":\"b\"}", Patch.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void refusesTrailingData() {
        assertThatThrownBy(() -> mapper.readValue("{\"bio\":\"a\"} {\"bio\":\"b\"}", Patch.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void refusesDeepNestingAndHugeStrings() {
        String deep = "[".repeat(StrictJson.MAX_NESTING + 1) + "]".repeat(StrictJson.MAX_NESTING + 1);
        assertThatThrownBy(() -> mapper.readTree(deep)).isInstanceOf(JsonProcessingException.class);
        String huge = "{\"bio\":\"" + "x".repeat(StrictJson.MAX_STRING_LENGTH + 1) + "\"}";
        assertThatThrownBy(() -> mapper.readValue(huge, Patch.class)).isInstanceOf(JsonProcessingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"displayName\":5}", "{\"displayName\":true}", "{\"bio\":1.5}",
        "{\"displayName\":{}}", "{\"bio\":[\"a\"]}"})
    void refusesAScalarOfAnotherTypeWhereAStringBelongs(String body) {
        assertThatThrownBy(() -> mapper.readValue(body, Patch.class)).isInstanceOf(JsonProcessingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"size\":\"5\"}", "{\"size\":\"\"}", "{\"size\":true}", "{\"size\":1.5}",
        "{\"enabled\":\"true\"}", "{\"enabled\":1}", "{\"ratio\":\"0.5\"}"})
    void refusesAStringOrBooleanWhereANumberOrBooleanBelongs(String body) {
        assertThatThrownBy(() -> mapper.readValue(body, Counts.class)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void stillReadsEveryValueOfItsOwnType() throws JsonProcessingException {
        assertThat(mapper.readValue("{\"displayName\":\"Ada\",\"bio\":\"\"}", Patch.class)).isEqualTo(new Patch("Ada", ""));
        assertThat(mapper.readValue("{\"size\":5,\"enabled\":true,\"ratio\":1}", Counts.class))
                .isEqualTo(new Counts(5, true, 1.0));
    }
}
