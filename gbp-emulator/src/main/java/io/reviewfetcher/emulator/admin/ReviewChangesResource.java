package io.reviewfetcher.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reviewfetcher.emulator.data.DataSet;
import io.reviewfetcher.emulator.data.Location;
import io.reviewfetcher.emulator.data.Review;
import io.reviewfetcher.emulator.google.model.ReviewJson;
import io.reviewfetcher.emulator.push.PushPublisher;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Changes to reviews while a fetch runs, as customers and owners make them on Google: new reviews,
 * edits (updateTime moves to now, the review jumps to the top of {@code updateTime desc}), owner
 * replies, and deletions (the review vanishes, no tombstone). Answers with reviews in v4 form
 * under the location's owning account. Additions and edits (replies included) are notified as Google would, where
 * the owning account's notification setting asks for them; deletions are not.
 */
@Path("/emulator/locations/{locationId}/reviews")
public class ReviewChangesResource {

    private static final List<String> STARS = List.of("ONE", "TWO", "THREE", "FOUR", "FIVE");
    private static final Set<String> FIELDS = Set.of("starRating", "comment", "reviewerName", "anonymous", "reply", "count");

    /** Named reviewers always have a photo on Google; this is the silhouette Google shows by default. */
    private static final String DEFAULT_PHOTO = "https://lh3.googleusercontent.com/a/default-user=s120-c-rp-mo-br100";

    private final DataSet data;
    private final PushPublisher notifications;

    public ReviewChangesResource(DataSet data, PushPublisher notifications) {
        this.data = data;
        this.notifications = notifications;
    }

    /**
     * Body (all optional): {@code starRating} (1-5 or "ONE".."FIVE"), {@code comment} (null = rating
     * only), {@code reviewerName}, {@code anonymous}, {@code reply}; or {@code count}: that many
     * random new reviews. Answers 201 with the list of new reviews.
     */
    @POST
    public Response add(@PathParam("locationId") String locationId, ObjectNode body) {
        Location location = location(locationId);
        checkFields(body);
        List<ReviewJson> added = new ArrayList<>();
        if (body != null && body.has("count")) {
            int count = body.get("count").asInt();
            if (count < 1 || count > 10_000) {
                throw new IllegalArgumentException("count: must be between 1 and 10000");
            }
            for (int i = 0; i < count; i++) {
                added.add(written(location, data.addReview(location.id(), null)));
            }
        } else {
            added.add(written(location, data.addReview(location.id(), draft(body, true))));
        }
        return Response.status(201).entity(added).build();
    }

    /** Body: any of {@code starRating}, {@code comment}, {@code reply} ("" removes the reply). */
    @PATCH
    @Path("{reviewId}")
    public ReviewJson edit(@PathParam("locationId") String locationId, @PathParam("reviewId") String reviewId,
                           ObjectNode body) {
        Location location = location(locationId);
        checkFields(body);
        Review edited = data.editReview(location.id(), reviewId, draft(body, false))
                .orElseThrow(() -> new NotFoundException("no review " + reviewId));
        notifications.reviewEdited(location, edited);
        return json(location, edited);
    }

    @DELETE
    @Path("{reviewId}")
    public Response delete(@PathParam("locationId") String locationId, @PathParam("reviewId") String reviewId) {
        Location location = location(locationId);
        if (!data.deleteReview(location.id(), reviewId)) {
            throw new NotFoundException("no review " + reviewId);
        }
        return Response.noContent().build();
    }

    private Location location(String locationId) {
        String id = locationId.startsWith("locations/") ? locationId.substring(10) : locationId;
        return data.location(id).orElseThrow(() -> new NotFoundException("no location " + locationId));
    }

    private ReviewJson written(Location location, Review review) {
        notifications.reviewWritten(location, review);
        return json(location, review);
    }

    private static ReviewJson json(Location location, Review review) {
        return ReviewJson.of(location.v4Name(location.ownerAccountId()), review);
    }

    private static void checkFields(ObjectNode body) {
        if (body != null) {
            body.fieldNames().forEachRemaining(name -> {
                if (!FIELDS.contains(name)) {
                    throw new IllegalArgumentException("unknown field " + name + "; expected one of " + FIELDS);
                }
            });
        }
    }

    private static DataSet.ReviewDraft draft(ObjectNode body, boolean adding) {
        if (body == null) {
            return new DataSet.ReviewDraft(null, false, null, null, null);
        }
        Integer stars = body.has("starRating") ? stars(body.get("starRating")) : null;
        boolean commentSet = body.has("comment");
        String comment = commentSet && !body.get("comment").isNull() ? body.get("comment").asText() : null;
        Review.Reviewer reviewer = null;
        if (adding && body.path("anonymous").asBoolean(false)) {
            reviewer = new Review.Reviewer("A Google User", null, true);
        } else if (adding && body.has("reviewerName")) {
            reviewer = new Review.Reviewer(body.get("reviewerName").asText(), DEFAULT_PHOTO, false);
        }
        String reply = body.has("reply") ? (body.get("reply").isNull() ? "" : body.get("reply").asText()) : null;
        return new DataSet.ReviewDraft(stars, commentSet, comment, reviewer, reply);
    }

    private static int stars(JsonNode node) {
        int stars = node.isNumber() ? node.asInt() : STARS.indexOf(node.asText()) + 1;
        if (stars < 1 || stars > 5) {
            throw new IllegalArgumentException("starRating: 1-5 or ONE..FIVE");
        }
        return stars;
    }
}
