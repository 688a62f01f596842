package io.reviewfetcher.tokens.grants;

import io.reviewfetcher.tokens.clients.ClientMisconfiguredException;
import io.reviewfetcher.tokens.errors.UnavailableException;
import io.reviewfetcher.tokens.oauth.GoogleOAuthException;
import io.reviewfetcher.tokens.oauth.GoogleUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The refresh of a managed client's token, without PostgreSQL or Google ({@link InMemoryGrants}): Google is
 * called outside any transaction, once per client however many callers ask at once, and what it granted is
 * stored only if nobody wrote the row meanwhile.
 */
class ManagedTokensTest {

    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void googleIsCalledWithoutATransactionOpen() {
        InMemoryGrants grants = new InMemoryGrants().connected("ya29.old", Instant.now().plusSeconds(60));

        ManagedTokens.Current current = grants.tokens.valid(InMemoryGrants.CLIENT_ID);

        assertEquals("ya29.fresh", current.accessToken());
        assertEquals(1, grants.googleRefreshes.get());
        assertEquals(0, grants.openDuringGoogle.get(), "a slow Google held a pooled connection and the row's lock");
        assertEquals("ya29.fresh", grants.row().sealedAccess());
    }

    @Test
    void callersAskingAtOnceShareOneRefresh() throws Exception {
        CountDownLatch googleAnswers = new CountDownLatch(1);
        InMemoryGrants grants = new InMemoryGrants().connected("ya29.old", Instant.now().plusSeconds(60))
                .google(() -> {
                    await(googleAnswers);
                    return InMemoryGrants.granted("ya29.fresh");
                });

        List<Future<ManagedTokens.Current>> asked = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            asked.add(callers.submit(() -> grants.tokens.valid(InMemoryGrants.CLIENT_ID)));
        }
        // Google answers once every caller has read the row (and so is past it, waiting for the one refresh).
        Instant deadline = Instant.now().plusSeconds(5);
        while (grants.transactionsBegun.get() < 8 && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        googleAnswers.countDown();

        Set<String> tokens = new HashSet<>();
        for (Future<ManagedTokens.Current> answer : asked) {
            tokens.add(answer.get(5, TimeUnit.SECONDS).accessToken());
        }
        assertEquals(Set.of("ya29.fresh"), tokens);
        assertEquals(1, grants.googleRefreshes.get(), "one refresh per client, not one per caller");
        assertEquals(0, grants.openDuringGoogle.get());
    }

    @Test
    void aRefreshDoesNotOverwriteWhatAnotherPodStoredMeanwhile() {
        Instant theirs = Instant.now().plus(Duration.ofMinutes(59));
        InMemoryGrants grants = new InMemoryGrants().connected("ya29.old", Instant.now().plusSeconds(60));
        grants.google(() -> {
            grants.writtenElsewhere("ya29.other-pod", theirs); // another pod's refresh lands first
            return InMemoryGrants.granted("ya29.mine");
        });

        ManagedTokens.Current current = grants.tokens.valid(InMemoryGrants.CLIENT_ID);

        assertEquals("ya29.other-pod", grants.row().sealedAccess(), "the later refresh overwrote the row");
        assertEquals("ya29.other-pod", current.accessToken(), "what is stored is what callers get");
        assertEquals(theirs, current.expiresAt());
    }

    @Test
    void invalidGrantMarksTheGrantDeadAndGoogleIsNotAskedAgain() {
        InMemoryGrants grants = new InMemoryGrants().connected("ya29.old", Instant.now().plusSeconds(60))
                .google(() -> {
                    throw new GoogleOAuthException(400, "invalid_grant", "Token has been expired or revoked.");
                });

        ReconnectRequiredException first = assertThrows(ReconnectRequiredException.class,
                () -> grants.tokens.valid(InMemoryGrants.CLIENT_ID));
        assertThrows(ReconnectRequiredException.class, () -> grants.tokens.valid(InMemoryGrants.CLIENT_ID));

        assertEquals("invalid_grant", first.reason());
        assertFalse(grants.row().valid());
        assertEquals(1, grants.googleRefreshes.get());
    }

    @Test
    void anInvalidGrantOfARowRenewedMeanwhileLeavesTheNewGrant() {
        Instant renewed = Instant.now().plus(Duration.ofMinutes(59));
        InMemoryGrants grants = new InMemoryGrants().connected("ya29.old", Instant.now().plusSeconds(60));
        grants.google(() -> {
            grants.writtenElsewhere("ya29.reconnected", renewed); // the business reconnects while Google answers
            throw new GoogleOAuthException(400, "invalid_grant", "Token has been expired or revoked.");
        });

        ManagedTokens.Current current = grants.tokens.valid(InMemoryGrants.CLIENT_ID);

        assertEquals("ya29.reconnected", current.accessToken());
        assertTrue(grants.row().valid(), "the old refresh token's refusal killed the new consent");
    }

    @Test
    void aClientGoogleRefusesIsMarkedAndItsPermitsAnswerAPermanentProblemWithoutAskingGoogleAgain() {
        InMemoryGrants grants = new InMemoryGrants().connected("ya29.old", Instant.now().plusSeconds(120))
                .google(() -> {
                    throw new GoogleOAuthException(401, "invalid_client", "Unauthorized");
                });

        // Not a passing failure: no "try again shortly", and not the current token either (it dies in 2 minutes).
        ClientMisconfiguredException refused = assertThrows(ClientMisconfiguredException.class,
                () -> grants.tokens.valid(InMemoryGrants.CLIENT_ID));
        assertThrows(ClientMisconfiguredException.class, () -> grants.tokens.replaceRejected(InMemoryGrants.CLIENT_ID));

        assertEquals("invalid_client", refused.error());
        assertEquals("invalid_client", grants.client().attentionReason());
        assertTrue(grants.client().needsAttention());
        assertTrue(grants.row().valid(), "the business's grant is not at fault");
        assertEquals(1, grants.googleRefreshes.get(), "Google is not asked again while the client is marked");
        assertEquals(1, grants.metrics.counter("token_service_clients_misconfigured_total", "error", "invalid_client").count());
        assertFalse(refused.getMessage().contains("GOCSPX"), "the client secret is never in an answer");

        // An operator corrects the client: the next refresh asks Google again.
        grants.clientCorrected();
        grants.google(() -> InMemoryGrants.granted("ya29.fresh"));
        assertEquals("ya29.fresh", grants.tokens.valid(InMemoryGrants.CLIENT_ID).accessToken());
    }

    @Test
    void unauthorizedClientIsTheSameConfigurationError() {
        InMemoryGrants grants = new InMemoryGrants().connected("ya29.old", Instant.now().plusSeconds(60))
                .google(() -> {
                    throw new GoogleOAuthException(401, "unauthorized_client", "Unauthorized");
                });

        assertThrows(ClientMisconfiguredException.class, () -> grants.tokens.valid(InMemoryGrants.CLIENT_ID));
        assertEquals("unauthorized_client", grants.client().attentionReason());
    }

    @Test
    void aPassingFailureHandsOutTheCurrentTokenWhileItLasts() {
        InMemoryGrants grants = new InMemoryGrants().connected("ya29.old", Instant.now().plusSeconds(120))
                .google(() -> {
                    throw new GoogleUnavailableException(503, "backend_error", "");
                });

        assertEquals("ya29.old", grants.tokens.valid(InMemoryGrants.CLIENT_ID).accessToken());
        // Not to a worker that saw Google refuse it, nor to an operator's forced refresh.
        assertThrows(UnavailableException.class, () -> grants.tokens.replaceRejected(InMemoryGrants.CLIENT_ID));
        assertThrows(UnavailableException.class, () -> grants.tokens.refresh(InMemoryGrants.CLIENT_ID, true));

        grants.connected("ya29.old", Instant.now().plusSeconds(10));
        assertThrows(UnavailableException.class, () -> grants.tokens.valid(InMemoryGrants.CLIENT_ID));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let Google answer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
