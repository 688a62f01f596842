package io.reviewfetcher.tokens.support;

import io.reviewfetcher.tokens.config.TokenServiceConfig;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@link TokenServiceConfig} for plain unit tests, without Quarkus: the defaults, Google's own hosts. */
public final class ConfigStub {

    private static final Map<String, Object> VALUES = Map.of(
            "refreshBefore", Duration.ofMinutes(5),
            "stateLifetime", Duration.ofMinutes(10),
            "scope", "https://www.googleapis.com/auth/business.manage",
            "apiBaseUrl", Optional.empty(),
            "expiryMemory", Duration.ofDays(7));

    private ConfigStub() {
    }

    public static TokenServiceConfig tokenService() {
        return stub(TokenServiceConfig.class);
    }

    private static <T> T stub(Class<T> type) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> type.getSimpleName() + "Stub";
                };
            }
            if (method.getReturnType().isInterface() && method.getReturnType().getEnclosingClass() == TokenServiceConfig.class) {
                return stub(method.getReturnType());
            }
            if (!VALUES.containsKey(method.getName())) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName() + " is not stubbed");
            }
            return VALUES.get(method.getName());
        });
        return type.cast(proxy);
    }
}
