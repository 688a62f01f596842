/**
 * JSON shapes of Google's responses, in proto3 JSON style: camelCase, enums as strings, and empty
 * values omitted (null here means "absent"; never written as {@code null}).
 *
 * <p>The emulator serialises these itself (into cached byte arrays) rather than returning them from
 * resource methods, so Quarkus cannot see them; each carries {@code @RegisterForReflection} so that
 * Jackson can still read their accessors in a native image.
 */
package io.reviewfetcher.emulator.google.model;
