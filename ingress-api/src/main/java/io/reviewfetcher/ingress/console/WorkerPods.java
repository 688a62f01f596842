package io.reviewfetcher.ingress.console;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.Inet6Address;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The worker pods the console shows ({@code CONSOLE_WORKERS}, entries {@code <worker>=<base url>}) and their intake
 * clients. Intake is per pod, so a worker behind a load-balancing Service would be paused one random pod at a time:
 * a host that resolves to several addresses (in Kubernetes, the chart's headless Service) is expanded into one pod per
 * address, looked up again at every read so that new pods appear. Only the pods listed here are ever called: the
 * console names a pod by worker and URL, and anything else is refused.
 */
@ApplicationScoped
public class WorkerPods {

    /** One pod of a worker, by the base URL its intake is reached at. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Pod(String worker, String url) {
    }

    record Entry(String worker, URI url) {
    }

    private final List<Entry> entries;
    private final Map<String, WorkerApi> clients = new ConcurrentHashMap<>();

    @Inject
    public WorkerPods(IngressConfig config) {
        this(parse(config.console().workers().orElse(List.of())));
    }

    WorkerPods(List<Entry> entries) {
        this.entries = entries;
    }

    /** The configured entries; a malformed one stops the service at start-up with the entry's position. */
    static List<Entry> parse(List<String> configured) {
        List<Entry> parsed = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            String entry = configured.get(i).trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            URI url = eq > 0 ? uri(entry.substring(eq + 1).trim()) : null;
            if (url == null || url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalArgumentException("CONSOLE_WORKERS entry " + (i + 1) + " is not <worker>=<http(s) base url>");
            }
            parsed.add(new Entry(entry.substring(0, eq).trim(), url));
        }
        return List.copyOf(parsed);
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** Every pod now, in the configured order (DNS is looked up off the event loop). */
    public Uni<List<Pod>> pods() {
        return Uni.createFrom().item(this::resolve).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    List<Pod> resolve() {
        Set<Pod> pods = new LinkedHashSet<>();
        for (Entry entry : entries) {
            for (String host : addresses(entry.url().getHost())) {
                pods.add(new Pod(entry.worker(), withHost(entry.url(), host)));
            }
        }
        return List.copyOf(pods);
    }

    /** The pod's intake client, when it is one of {@link #pods()}'s; null for anything else. */
    public Uni<WorkerApi> intake(Pod pod) {
        return pods().map(known -> known.contains(pod) ? clients.computeIfAbsent(pod.url(), WorkerPods::client) : null);
    }

    /** The host itself when it names one address (or none: the call will say it is unreachable), else each address. */
    private static List<String> addresses(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            if (all.length <= 1) {
                return List.of(host);
            }
            List<String> hosts = new ArrayList<>();
            for (InetAddress address : all) {
                hosts.add(address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress());
            }
            return hosts;
        } catch (UnknownHostException e) {
            return List.of(host);
        }
    }

    private static String withHost(URI url, String host) {
        String base = url.getScheme() + "://" + host + (url.getPort() < 0 ? "" : ":" + url.getPort()) + (url.getPath() == null ? "" : url.getPath());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static WorkerApi client(String url) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(url))
                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS).build(WorkerApi.class);
    }
}
