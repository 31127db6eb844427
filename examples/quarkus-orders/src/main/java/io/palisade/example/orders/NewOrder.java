package io.palisade.example.orders;

import io.palisade.common.validation.NoControlChars;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What a client may say about a new order: common's strict JSON refuses any other field (an {@code owner} too). */
record NewOrder(@NotBlank @Size(max = 100) @NoControlChars String item, @NotNull @Min(1) @Max(1000) Integer quantity) {
}
