package io.reviewfetcher.ingress.admission;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.reviewfetcher.ingress.admission.RateLimited.Limit;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JobAdmission without Redis: which windows a job counts against, what the script's answer means (the limit and the
 * Retry-After), that limits of 0 ask Redis nothing, and that Redis failing refuses the job instead of letting it pass.
 * The script itself runs against the real Redis in AdmissionApiTest (@QuarkusTest).
 */
class JobAdmissionTest {

    private static final RateSubjects CLIENT_JOB = new RateSubjects("k".repeat(32), "c".repeat(32));
    private static final RateSubjects TOKEN_JOB = new RateSubjects(null, "t".repeat(32));

    private final AtomicInteger redisCalls = new AtomicInteger();

    /** A Redis whose every command fails, as when it is down. */
    private ReactiveRedisDataSource failingRedis() {
        return (ReactiveRedisDataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{ReactiveRedisDataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        redisCalls.incrementAndGet();
                        return Uni.createFrom().failure(new IllegalStateException("connection to redis.internal:6379 refused"));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private JobAdmission admission(int perKey, int perCredential) {
        return new JobAdmission(failingRedis(), perKey, perCredential, Duration.ofSeconds(2), new SimpleMeterRegistry());
    }

    @Test
    void retryAfterIsTheWaitInWholeSecondsRoundedUpAndAtLeastOne() {
        assertEquals(Duration.ofSeconds(1), JobAdmission.retryAfter(1));
        assertEquals(Duration.ofSeconds(1), JobAdmission.retryAfter(1000));
        assertEquals(Duration.ofSeconds(2), JobAdmission.retryAfter(1001));
        assertEquals(Duration.ofSeconds(60), JobAdmission.retryAfter(59_999));
        assertEquals(Duration.ofSeconds(1), JobAdmission.retryAfter(0), "a slot freed meanwhile: still at least 1 s");
        assertEquals(Duration.ofSeconds(1), JobAdmission.retryAfter(-5), "clocks of pods and Redis apart: still at least 1 s");
    }

    @Test
    void aClientJobCountsAgainstItsKeyAndItsCredentialATokenJobAgainstItsCredentialOnly() {
        List<JobAdmission.Window> client = admission(120, 30).windows(CLIENT_JOB);
        assertEquals(List.of(Limit.KEY, Limit.CREDENTIAL), client.stream().map(JobAdmission.Window::limit).toList());
        assertEquals(List.of(120, 30), client.stream().map(JobAdmission.Window::perMinute).toList());
        assertEquals("rate:{admission}:key:" + "k".repeat(32), client.get(0).redisKey());
        assertEquals("rate:{admission}:credential:" + "c".repeat(32), client.get(1).redisKey());

        List<JobAdmission.Window> token = admission(120, 30).windows(TOKEN_JOB);
        assertEquals(List.of(Limit.CREDENTIAL), token.stream().map(JobAdmission.Window::limit).toList());
    }

    @Test
    void aLimitOfZeroIsOffAndWithBothOffRedisIsNotAsked() {
        assertEquals(List.of(Limit.CREDENTIAL), admission(0, 30).windows(CLIENT_JOB).stream().map(JobAdmission.Window::limit).toList());
        assertEquals(List.of(Limit.KEY), admission(120, 0).windows(CLIENT_JOB).stream().map(JobAdmission.Window::limit).toList());

        admission(0, 0).admit(CLIENT_JOB).await().atMost(Duration.ofSeconds(5));
        admission(120, 0).admit(TOKEN_JOB).await().atMost(Duration.ofSeconds(5));
        assertEquals(0, redisCalls.get());
    }

    @Test
    void theScriptsAnswerNamesTheWindowThatRefusedAndWhenItFreesASlot() {
        List<JobAdmission.Window> windows = admission(120, 30).windows(CLIENT_JOB);

        assertNull(JobAdmission.refusal(windows, 0, 0), "0: admitted");
        RateLimited byKey = JobAdmission.refusal(windows, 1, 1500);
        assertEquals(Limit.KEY, byKey.limit());
        assertEquals(120, byKey.perMinute());
        assertEquals(Duration.ofSeconds(2), byKey.retryAfter());
        RateLimited byCredential = JobAdmission.refusal(windows, 2, 59_000);
        assertEquals(Limit.CREDENTIAL, byCredential.limit());
        assertEquals(30, byCredential.perMinute());
        assertEquals(Duration.ofSeconds(59), byCredential.retryAfter());
    }

    @Test
    void whenRedisDoesNotAnswerTheJobIsRefusedNotAdmittedUnchecked() {
        AdmissionUnavailable refused = assertThrows(AdmissionUnavailable.class,
                () -> admission(120, 30).admit(CLIENT_JOB).await().atMost(Duration.ofSeconds(5)));

        assertEquals(Duration.ofSeconds(2), refused.retryAfter());
        assertTrue(redisCalls.get() >= 1);
        assertFalse(refused.getMessage().contains("redis.internal"), "the failure's details stay out of the refusal");
    }

    @Test
    void aNegativeLimitStopsTheStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> admission(-1, 30));
        assertTrue(refused.getMessage().contains("INGRESS_JOBS_PER_MINUTE_PER_KEY"));
    }

    @Test
    void subjectsAreDigestsNeverTheCredential() {
        RateSubjects subjects = RateSubjects.of(null, "ya29.a-google-access-token");

        assertNull(subjects.key());
        assertTrue(subjects.credential().matches("[0-9a-f]{32}"), subjects.credential());
        assertFalse(subjects.toString().contains("ya29"));
        assertEquals(subjects.credential(), RateSubjects.of(null, "ya29.a-google-access-token").credential(), "the same token, the same window");
        assertFalse(subjects.credential().equals(RateSubjects.of(null, "client:acme").credential()));
    }
}
