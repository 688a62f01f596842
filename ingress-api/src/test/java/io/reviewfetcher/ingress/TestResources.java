package io.reviewfetcher.ingress;

import io.quarkus.test.common.QuarkusTestResource;
import io.reviewfetcher.ingress.support.TestEnvironment;

/** Applies TestEnvironment to every @QuarkusTest in the module. */
@QuarkusTestResource(value = TestEnvironment.class, restrictToAnnotatedClass = false)
public class TestResources {
}
