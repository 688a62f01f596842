package io.reviewfetcher.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
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
                .directory(BROWSER_TESTS.toFile()).redirectErrorStream(true);
        node.environment().put("CONSOLE_TEST_INGRESS", LocalStack.INGRESS);
        node.environment().put("CONSOLE_TEST_INGRESS_2", "http://127.0.0.1:" + LocalStack.INGRESS_PODS.get(1));
        node.environment().put("CONSOLE_TEST_EMULATOR", LocalStack.EMULATOR);
        node.environment().put("CONSOLE_TEST_ADMIN_KEY", LocalStack.secret("ADMIN_API_KEY"));
        node.environment().put("CONSOLE_TEST_SECRETS", String.join("\n", secrets()));
        node.environment().put("CONSOLE_TEST_CLIENT", Clients.connect("console"));
        node.environment().put("CONSOLE_TEST_SCREENSHOTS", LocalStack.ROOT.resolve("docs/console").toString());
        Process run = node.start();
        // Through this JVM's own stdout (the test report keeps it), not inherited: a forked test JVM's native stream is
        // Failsafe's channel.
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8)).lines()
                .forEach(line -> {
                    System.out.println("[browser] " + line);
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 80) {
                            tail.removeFirst();
                        }
                    }
                }));
        reader.start();
        boolean ended = run.waitFor(20, TimeUnit.MINUTES);
        if (!ended) {
            run.destroyForcibly();
        }
        reader.join(10_000);
        String output;
        synchronized (tail) {
            output = String.join("\n", tail);
        }
        assertTrue(ended, "the browser tests did not end within 20 minutes:\n" + output);
        assertEquals(0, run.exitValue(), "the browser tests failed:\n" + output);
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
