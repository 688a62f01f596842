package io.reviewfetcher.support.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run in Redis by its SHA-1 ({@code EVALSHA}), so each call sends the arguments, not the
 * script. Redis forgets scripts on a restart or {@code SCRIPT FLUSH}: on {@code NOSCRIPT} the script is
 * loaded and the call made once more.
 */
public final class LuaScript {
    private final String text;
    private final String sha;

    private LuaScript(String text) {
        this.text = text;
        this.sha = sha1(text);
    }

    public static LuaScript of(String text) {
        return new LuaScript(text);
    }

    /** A script kept as a classpath resource, e.g. {@code quota/token-bucket.lua}. */
    public static LuaScript fromResource(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String sha() {
        return sha;
    }

    public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, List<String> args) {
        String[] command = command(keys, args);
        return redis.execute("EVALSHA", command)
                .onFailure(LuaScript::isNoScript)
                .recoverWithUni(() -> redis.execute("SCRIPT", "LOAD", text).chain(() -> redis.execute("EVALSHA", command)));
    }

    public Response runBlocking(RedisDataSource redis, List<String> keys, List<String> args) {
        String[] command = command(keys, args);
        try {
            return redis.execute("EVALSHA", command);
        } catch (RuntimeException e) {
            if (!isNoScript(e)) {
                throw e;
            }
            redis.execute("SCRIPT", "LOAD", text);
            return redis.execute("EVALSHA", command);
        }
    }

    private String[] command(List<String> keys, List<String> args) {
        String[] command = new String[keys.size() + args.size() + 2];
        command[0] = sha;
        command[1] = Integer.toString(keys.size());
        int i = 2;
        for (String key : keys) {
            command[i++] = key;
        }
        for (String arg : args) {
            command[i++] = arg;
        }
        return command;
    }

    static boolean isNoScript(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
