package io.reviewfetcher.ingress.api;

import io.reviewfetcher.ingress.admission.CallerKeys;
import io.reviewfetcher.ingress.admission.ClientNotAllowed;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.reviewfetcher.ingress.jobs.InvalidJobQuery;
import io.reviewfetcher.ingress.jobs.JobFilter;
import io.reviewfetcher.ingress.jobs.JobList;
import io.reviewfetcher.ingress.jobs.JobsPage;
import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The job list's edge ({@code GET /api/v1/review-fetch} without schedule_id): the caller key first, which clients it may
 * list, the parameters that reach {@link JobList}, and Redis failing (503, without its details). Plain unit test: the
 * resource called directly over a fake list (the walk over the real Redis, and the answers over HTTP, are JobListTest's).
 */
class JobListResourceTest {

    private static final String KEY = "caller-key-0123456789abcdef";
    private static final String ACME_KEY = "acme-key-0123456789abcdef";
    private static final CallerKeys CALLER_KEYS = new CallerKeys(List.of(KEY + "=*", ACME_KEY + "=acme|acme-reviews"));

    private final FakeJobList jobs = new FakeJobList();
    private final ReviewFetchResource resource = new ReviewFetchResource(null, null, null, jobs, null, CALLER_KEYS, config());

    private Response list(String key, String status, String clientId, String limit, String cursor) {
        return resource.list(key, status, clientId, null, limit, cursor).await().atMost(Duration.ofSeconds(5));
    }

    private Problem refused(Supplier<Response> call) {
        return assertThrows(ProblemException.class, call::get).problem();
    }

    @Test
    void aKeyForEveryClientListsEveryJobOrOneClientsWithTheDefaultLimit() {
        JobsPage page = (JobsPage) list(KEY, null, null, null, null).getEntity();
        assertSame(jobs.page, page);
        assertEquals(new Call(JobFilter.ALL, 20, null), jobs.last);

        list(KEY, "failed", "globex", "5", "abc");
        assertEquals(new Call(new JobFilter("failed", "globex"), 5, "abc"), jobs.last);
    }

    @Test
    void aKeyForSomeClientsListsOneOfThemAndMustNameIt() {
        list(ACME_KEY, null, "acme-reviews", null, null);
        assertEquals(new Call(new JobFilter(null, "acme-reviews"), 20, null), jobs.last);
        jobs.last = null;

        assertEquals("globex", assertThrows(ClientNotAllowed.class, () -> list(ACME_KEY, null, "globex", null, null)).clientId());
        Problem noClient = refused(() -> list(ACME_KEY, null, null, null, null));
        assertEquals(400, noClient.status());
        assertEquals("client_id", noClient.errors().get(0).field());
        assertEquals("client_id is required: this X-API-Key is valid for some clients only", noClient.detail());
        assertNull(jobs.last, "nothing listed");
    }

    @Test
    void withoutAValidKeyNothingIsListed() {
        assertEquals(401, refused(() -> list(null, null, null, null, null)).status());
        assertEquals(401, refused(() -> list("not-a-key-0123456789", null, null, null, null)).status());
        // The key before the parameters.
        assertEquals(401, refused(() -> list(null, "nonsense", null, "0", null)).status());
        assertNull(jobs.last);
    }

    @Test
    void badParametersAreRefusedBeforeAnythingIsListed() {
        assertEquals("status", assertThrows(InvalidJobQuery.class, () -> list(KEY, "done", null, null, null)).field());
        assertEquals("client_id", assertThrows(InvalidJobQuery.class, () -> list(KEY, null, "a/b", null, null)).field());
        assertEquals("limit", refused(() -> list(KEY, null, null, "0", null)).errors().get(0).field());
        assertEquals("limit", refused(() -> list(KEY, null, null, "101", null)).errors().get(0).field());
        assertNull(jobs.last);

        Problem answer = (Problem) resource.invalidQuery(new InvalidJobQuery("cursor", "is not a cursor this API answered")).getEntity();
        assertEquals(400, answer.status());
        assertEquals("cursor", answer.errors().get(0).field());
    }

    @Test
    void aCursorTheListRefusesStaysA400AndRedisFailingIsA503WithoutItsDetails() {
        jobs.answer = () -> Uni.createFrom().failure(new InvalidJobQuery("cursor", "is not a cursor this API answered"));
        assertEquals("cursor", assertThrows(InvalidJobQuery.class, () -> list(KEY, null, null, null, "forged")).field());

        jobs.answer = () -> Uni.createFrom().failure(new IllegalStateException("Connection refused: redis-host:6379"));
        Problem unavailable = refused(() -> list(KEY, null, null, null, null));
        assertEquals(503, unavailable.status());
        assertEquals("the job list is unavailable (Redis); try again shortly", unavailable.detail());
    }

    record Call(JobFilter filter, int limit, String cursor) {
    }

    /** The list, answering what a test says (an empty last page unless told otherwise). */
    static final class FakeJobList extends JobList {
        final JobsPage page = new JobsPage(List.of(), null);
        Supplier<Uni<JobsPage>> answer = () -> Uni.createFrom().item(page);
        Call last;

        FakeJobList() {
            super(null, null, config());
        }

        @Override
        public Uni<JobsPage> list(JobFilter filter, int limit, String cursor) {
            last = new Call(filter, limit, cursor);
            return answer.get();
        }
    }

    /** The settings the resource and the list read at construction: body limits and the status retention. */
    private static IngressConfig config() {
        ClassLoader loader = JobListResourceTest.class.getClassLoader();
        Object limits = Proxy.newProxyInstance(loader, new Class<?>[]{IngressConfig.Limits.class}, (proxy, method, args) -> 1000);
        Object status = Proxy.newProxyInstance(loader, new Class<?>[]{IngressConfig.Status.class},
                (proxy, method, args) -> method.getName().equals("retention") ? Duration.ofDays(30) : null);
        return (IngressConfig) Proxy.newProxyInstance(loader, new Class<?>[]{IngressConfig.class}, (proxy, method, args) -> switch (method.getName()) {
            case "limits" -> limits;
            case "status" -> status;
            default -> null;
        });
    }
}
