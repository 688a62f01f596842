package io.reviewfetcher.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator console in a real headless Chromium: {@code system-tests/browser/console.test.mjs}, run with Node's test
 * runner against the live stack (Debian's chromium, driven by playwright-core; test.sh installs both). The screenshots
 * it takes go to {@code docs/console/}, where the README shows them.
 */
@ExtendWith(LiveStack.class)
class ConsoleIT {

    private static final Path BROWSER_TESTS = LocalStack.ROOT.resolve("system-tests/browser");

    @Test
    void theConsoleInARealBrowser() throws Exception {
        assertTrue(Files.isDirectory(BROWSER_TESTS.resolve("node_modules/playwright-core")),
                "playwright-core is not installed: run `npm ci --prefix system-tests/browser` (deploy/local/test.sh does)");
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "console.test.mjs")
                .directory(BROWSER_TESTS.toFile()).inheritIO();
        node.environment().put("CONSOLE_TEST_INGRESS", LocalStack.INGRESS);
        node.environment().put("CONSOLE_TEST_INGRESS_2", "http://127.0.0.1:" + LocalStack.INGRESS_PODS.get(1));
        node.environment().put("CONSOLE_TEST_EMULATOR", LocalStack.EMULATOR);
        node.environment().put("CONSOLE_TEST_ADMIN_KEY", LocalStack.secret("ADMIN_API_KEY"));
        node.environment().put("CONSOLE_TEST_SECRETS", String.join("\n", secrets()));
        node.environment().put("CONSOLE_TEST_SCREENSHOTS", LocalStack.ROOT.resolve("docs/console").toString());
        Process run = node.start();
        boolean ended = run.waitFor(20, TimeUnit.MINUTES);
        if (!ended) {
            run.destroyForcibly();
        }
        assertTrue(ended, "the browser tests did not end within 20 minutes");
        assertEquals(0, run.exitValue(), "the browser tests failed: see their output above");
    }

    /** Every secret of the stack, each key of a list on its own (INGRESS_API_KEYS entries without their scope). */
    private static Set<String> secrets() throws Exception {
        Set<String> secrets = new LinkedHashSet<>();
        for (String name : List.of("ADMIN_API_KEY", "SERVICE_API_KEY", "INGRESS_SERVICE_API_KEY", "TOKEN_ENCRYPTION_KEY",
                "TOKEN_DB_PASSWORD", "INGRESS_API_KEYS")) {
            String value = LocalStack.secret(name);
            if (value == null) {
                continue;
            }
            for (String entry : value.split(",")) {
                int scope = entry.lastIndexOf('=');
                secrets.add((scope > 0 && name.equals("INGRESS_API_KEYS") ? entry.substring(0, scope) : entry).trim());
            }
        }
        return secrets;
    }
}
