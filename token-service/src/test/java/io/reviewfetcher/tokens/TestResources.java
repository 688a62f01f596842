package io.reviewfetcher.tokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.reviewfetcher.tokens.support.TestEnvironment;

/** Applies TestEnvironment to every @QuarkusTest in the module. */
@QuarkusTestResource(value = TestEnvironment.class, restrictToAnnotatedClass = false)
public class TestResources {
}
