package io.reviewfetcher.system;

import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * An OTLP/HTTP endpoint for the services of the system tests: it accepts every export and keeps the raw
 * protobuf bodies, in which the exporting services' names appear as plain strings. A fixed port, so that
 * services still running from an earlier test run export here too.
 */
final class TraceReceiver {
    private static final int PORT = 14318;
    private static HttpServer server;
    private static final ByteArrayOutputStream RECEIVED = new ByteArrayOutputStream();

    private TraceReceiver() {
    }

    /** Starts the receiver once; returns its base URL. */
    static synchronized String start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("the OTLP receiver of the system tests needs port " + PORT, e);
            }
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                synchronized (RECEIVED) {
                    RECEIVED.writeBytes(body);
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Everything exported so far, as text (protobuf strings such as service names are readable in it). */
    static String received() {
        synchronized (RECEIVED) {
            return RECEIVED.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
