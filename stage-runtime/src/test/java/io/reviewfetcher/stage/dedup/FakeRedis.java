package io.reviewfetcher.stage.dedup;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.impl.types.BulkType;
import io.vertx.redis.client.impl.types.MultiType;
import io.vertx.redis.client.impl.types.NumberType;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The few Redis commands the dedup books send, in memory: sets (SADD, SISMEMBER), hashes (HMGET, HDEL), EXPIRE, and
 * {@link JobClaims}' script (EVALSHA) as its rule reads: an id goes to the first owner, and its owner may claim it
 * again; the owner's provisional claims not claimed again lapse. The script itself runs against real Redis in
 * review-worker's {@code JobClaimsRedisTest}.
 * Every command is kept in {@link #commands}, so a test can see the keys and lifetimes used.
 */
final class FakeRedis {
    final List<List<String>> commands = new ArrayList<>();
    final Map<String, Set<String>> sets = new HashMap<>();
    final Map<String, Map<String, String>> hashes = new HashMap<>();
    final Map<String, Long> ttlSeconds = new HashMap<>();

    ReactiveRedisDataSource dataSource() {
        return (ReactiveRedisDataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ReactiveRedisDataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute") && args[0] instanceof String command) {
                        return Uni.createFrom().item(() -> execute(command, (String[]) args[1]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private synchronized Response execute(String command, String[] args) {
        List<String> call = new ArrayList<>(List.of(command));
        call.addAll(Arrays.asList(args));
        commands.add(call);
        return Response.newInstance(switch (command) {
            case "SADD" -> NumberType.create(sets.computeIfAbsent(args[0], k -> new HashSet<>()).add(args[1]) ? 1 : 0);
            case "SISMEMBER" -> NumberType.create(sets.getOrDefault(args[0], Set.of()).contains(args[1]) ? 1 : 0);
            case "EXPIRE" -> {
                ttlSeconds.put(args[0], Long.parseLong(args[1]));
                yield NumberType.create(1);
            }
            case "HMGET" -> {
                MultiType values = MultiType.create(args.length - 1, false);
                Map<String, String> hash = hashes.getOrDefault(args[0], Map.of());
                for (int i = 1; i < args.length; i++) {
                    String value = hash.get(args[i]);
                    values.add(value == null ? null : bulk(value));
                }
                yield values;
            }
            case "HDEL" -> NumberType.create(hashes.getOrDefault(args[0], new HashMap<>()).remove(args[1]) == null ? 0 : 1);
            case "EVALSHA" -> claim(args);
            default -> throw new UnsupportedOperationException(command);
        });
    }

    /** EVALSHA sha 1 key owner ttl id…: JobClaims' script. */
    private io.vertx.redis.client.Response claim(String[] args) {
        String key = args[2];
        String owner = args[3];
        Map<String, String> hash = hashes.computeIfAbsent(key, k -> new LinkedHashMap<>());
        List<String> ids = Arrays.asList(args).subList(5, args.length);
        String mark = JobClaims.PROVISIONAL + owner;
        String before = hash.remove(mark);
        if (before != null) {
            for (String earlier : before.split(",")) {
                if (!ids.contains(earlier) && owner.equals(hash.get(earlier))) {
                    hash.remove(earlier);
                }
            }
        }
        List<String> owned = new ArrayList<>();
        for (String id : ids) {
            if (hash.putIfAbsent(id, owner) == null || owner.equals(hash.get(id))) {
                owned.add(id);
            }
        }
        if (!owned.isEmpty()) {
            hash.put(mark, String.join(",", owned));
            ttlSeconds.put(key, Long.parseLong(args[4]));
        }
        MultiType reply = MultiType.create(owned.size(), false);
        owned.forEach(id -> reply.add(bulk(id)));
        return reply;
    }

    private static io.vertx.redis.client.Response bulk(String value) {
        return BulkType.create(Buffer.buffer(value), false);
    }
}
