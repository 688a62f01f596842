package io.reviewfetcher.system;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(LiveStack.class)}: the test class runs against the whole local stack, and Google (the
 * emulator) is healed after each test, so faults one test injects never reach the next.
 */
final class LiveStack implements BeforeAllCallback, AfterEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        LocalStack.up();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Emulator.heal();
    }
}
