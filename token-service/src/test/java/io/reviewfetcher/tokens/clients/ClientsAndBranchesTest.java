package io.reviewfetcher.tokens.clients;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.reviewfetcher.tokens.support.TestEnvironment;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.reviewfetcher.tokens.support.Calls.asAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clients and branches: CRUD, validation, conflicts; secrets sealed and never returned. */
@QuarkusTest
class ClientsAndBranchesTest {

    @Inject
    AgroalDataSource database;

    private long createClient(String secret) {
        return asAdmin().body(Map.of("client_id", "1234-abc.apps.googleusercontent.com", "client_secret", secret,
                        "redirect_uri", "https://example.com/auth/callback"))
                .post("/clients").then().statusCode(201)
                .header("Location", containsString("/clients/"))
                .body("client_id", is("1234-abc.apps.googleusercontent.com"))
                .body("is_active", is(true))
                .body("$", not(hasKey("client_secret")))
                .extract().jsonPath().getLong("id");
    }

    @Test
    void aClientSecretIsSealedAtRestAndNeverReturned() throws Exception {
        String secret = "GOCSPX-" + TestEnvironment.randomHex(8);
        long id = createClient(secret);
        String body = asAdmin().get("/clients/" + id).then().statusCode(200).extract().asString();
        assertFalse(body.contains(secret));
        assertFalse(asAdmin().get("/clients").then().statusCode(200).extract().asString().contains(secret));
        try (Connection c = database.getConnection();
             PreparedStatement select = c.prepareStatement("select client_secret from clients where id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                String stored = row.getString(1);
                assertFalse(stored.contains(secret), "secret stored in clear");
                assertTrue(stored.matches("k[0-9a-f]{8}:[A-Za-z0-9+/=]+"), "sealed value carries its key id: " + stored.substring(0, 10));
            }
        }
    }

    @Test
    void invalidClientsAreRefusedFieldByField() {
        asAdmin().body(Map.of("client_secret", "s", "redirect_uri", "https://example.com/cb")).post("/clients")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("client_id"));
        asAdmin().body(Map.of("client_id", "a b", "client_secret", "s", "redirect_uri", "https://example.com/cb")).post("/clients")
                .then().statusCode(400).body("errors.field", hasItem("client_id"));
        asAdmin().body(Map.of("client_id", "abc", "client_secret", "s", "redirect_uri", "not a url")).post("/clients")
                .then().statusCode(400).body("errors.field", hasItem("redirect_uri"));
        asAdmin().body(Map.of("client_id", "abc", "client_secret", "secret with spaces", "redirect_uri", "https://example.com/cb"))
                .post("/clients").then().statusCode(400).body("errors.field", hasItem("client_secret"))
                .body(not(containsString("secret with spaces")));
        asAdmin().body(Map.of("client_id", 12)).post("/clients").then().statusCode(400);
        asAdmin().get("/clients/987654321").then().statusCode(404).contentType("application/problem+json");
        asAdmin().get("/clients/not-a-number").then().statusCode(404);
    }

    @Test
    void aClientCanBeChangedButNotItsGoogleClientId() {
        long id = createClient("GOCSPX-one");
        asAdmin().body(Map.of("name", "Renamed", "is_active", false)).patch("/clients/" + id).then().statusCode(200)
                .body("name", is("Renamed")).body("is_active", is(false));
        asAdmin().body(Map.of("client_id", "other")).patch("/clients/" + id).then().statusCode(400)
                .body("errors[0].field", is("client_id"));
        asAdmin().body(Map.of("redirect_uri", "ftp://x")).patch("/clients/" + id).then().statusCode(400);
        asAdmin().body(Map.of("name", "x")).patch("/clients/987654321").then().statusCode(404);
        // A deactivated client cannot start an authorization.
        asAdmin().get("/oauth/start/" + id).then().statusCode(409);
    }

    @Test
    void branchesBelongToClientsAndTheirBranchIdIsUnique() {
        long clientId = createClient("GOCSPX-two");
        String branchId = "branch-" + UUID.randomUUID();
        Map<String, Object> branch = new HashMap<>(Map.of("branch_id", branchId, "client_id", clientId,
                "branch_name", "Downtown", "account_id", "accounts/123456", "location_id", "locations/987654321",
                "email", "downtown@example.com"));
        long id = asAdmin().body(branch).post("/branches").then().statusCode(201)
                .body("branch_id", is(branchId)).body("client_id", is((int) clientId)).body("is_active", is(true))
                .extract().jsonPath().getLong("id");

        asAdmin().body(branch).post("/branches").then().statusCode(409).contentType("application/problem+json");
        asAdmin().get("/branches/by-branch-id/" + branchId).then().statusCode(200).body("id", is((int) id));
        asAdmin().get("/branches/" + id).then().statusCode(200).body("branch_name", is("Downtown"));
        asAdmin().get("/branches?client_id=" + clientId).then().statusCode(200).body("branch_id", hasItem(branchId));
        asAdmin().body(Map.of("branch_name", "Uptown", "email", "up@example.com")).patch("/branches/" + id).then()
                .statusCode(200).body("branch_name", is("Uptown")).body("email", is("up@example.com"));

        // Validation and references.
        Map<String, Object> bad = new HashMap<>(branch);
        bad.put("branch_id", "other-" + UUID.randomUUID());
        bad.put("email", "not-an-email");
        asAdmin().body(bad).post("/branches").then().statusCode(400).body("errors.field", hasItem("email"));
        bad.put("email", "ok@example.com");
        bad.put("client_id", 987654321);
        asAdmin().body(bad).post("/branches").then().statusCode(400).body("errors.field", hasItem("client_id"));
        bad.put("client_id", clientId);
        bad.put("location_id", "locations/has space");
        asAdmin().body(bad).post("/branches").then().statusCode(400).body("errors.field", hasItem("location_id"));
        asAdmin().get("/branches/by-branch-id/nope-" + UUID.randomUUID()).then().statusCode(404);

        // A client with branches is not deleted; without them it is.
        asAdmin().delete("/clients/" + clientId).then().statusCode(409);
        asAdmin().delete("/branches/" + id).then().statusCode(204);
        asAdmin().delete("/branches/" + id).then().statusCode(404);
        asAdmin().delete("/clients/" + clientId).then().statusCode(204);
        asAdmin().get("/clients/" + clientId).then().statusCode(404);
    }
}
