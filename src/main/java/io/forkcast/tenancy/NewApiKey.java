package io.forkcast.tenancy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.Set;

/**
 * An API key to create.
 *
 * @param name what the key is for ("POS integration"), to recognise it in the list
 * @param scopes what it may do; {@code read} and {@code write} when absent
 */
public record NewApiKey(@NotBlank @Size(max = 100) String name, @Size(min = 1) Set<ApiKeyScope> scopes) {
}
