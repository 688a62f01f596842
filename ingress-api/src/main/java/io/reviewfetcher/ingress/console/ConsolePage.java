package io.reviewfetcher.ingress.console;

import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.reviewfetcher.ingress.config.IngressConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's page: the login form until the browser holds a session ({@link ConsoleSessions}), then the console,
 * which draws itself from {@link ConsoleApi} (console.js). The admin key is only ever posted in the login form's body;
 * the session cookie is HTTP-only and {@code SameSite=Strict}, so neither page scripts nor other sites can use it.
 */
@Path("/console")
public class ConsolePage {

    /** The page's own scripts and styles, served from the jar: the console works with no internet. */
    private static final String OFF = "The console is off: ADMIN_API_KEY is not set on this service.";
    private static final Map<String, String> ASSETS = Map.of("console.js", "text/javascript", "console.css", "text/css");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String problem);

        static native TemplateInstance console();
    }

    private final ConsoleSessions sessions;
    private final boolean secureCookie;
    private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

    public ConsolePage(ConsoleSessions sessions, IngressConfig config) {
        this.sessions = sessions;
        this.secureCookie = config.console().secureCookie();
    }

    @GET
    @Path("/")
    @Produces(MediaType.TEXT_HTML)
    public Response page(@CookieParam(ConsoleSessions.COOKIE) String session) {
        TemplateInstance page = sessions.valid(session) ? Templates.console() : Templates.login(sessions.enabled() ? null : OFF);
        return noStore(Response.ok(page)).build();
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response login(@FormParam("key") String key) {
        String session = sessions.login(key);
        if (session == null) {
            Log.warn("console login refused: not the admin key");
            return noStore(Response.status(Response.Status.UNAUTHORIZED)
                    .entity(Templates.login(sessions.enabled() ? "That is not the admin key." : OFF))).build();
        }
        return noStore(Response.seeOther(URI.create("/console/"))).cookie(cookie(session, (int) sessions.ttl().toSeconds())).build();
    }

    @POST
    @Path("/logout")
    public Response logout() {
        return Response.seeOther(URI.create("/console/")).cookie(cookie("", 0)).build();
    }

    @GET
    @Path("/assets/{name}")
    public Response asset(@PathParam("name") String name) {
        String type = ASSETS.get(name);
        if (type == null) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        return Response.ok(assets.computeIfAbsent(name, file -> read("console/" + file)), type + ";charset=UTF-8")
                .header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff").build();
    }

    private NewCookie cookie(String value, int maxAgeSeconds) {
        return new NewCookie.Builder(ConsoleSessions.COOKIE).value(value).path("/console").maxAge(maxAgeSeconds)
                .httpOnly(true).secure(secureCookie).sameSite(NewCookie.SameSite.STRICT).build();
    }

    /**
     * Pages that depend on the session are never cached, by the browser or anything between; they load nothing but
     * this service's own scripts and styles, and no other site may frame them.
     */
    private static Response.ResponseBuilder noStore(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'")
                .header("X-Content-Type-Options", "nosniff");
    }

    private static byte[] read(String resource) {
        try (InputStream in = ConsolePage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
