package dev.midasbridge.gateway;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.crypto.ConstantTime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The status page on the admin listener, in front of the admin API ({@code next}):
 * <ul>
 *   <li>{@code GET /admin/status/}: the page (HTML, its script and style, and uPlot's, all from the jar);</li>
 *   <li>{@code GET /admin/status.json}: the figures ({@link StatusSampler#snapshot()}), which the page polls.</li>
 * </ul>
 * Both take the admin token: {@code Authorization: Bearer <token>} as every admin call, or, for a browser, HTTP Basic
 * with the token as the password (any user name); a request without it gets 401 and a Basic challenge, so a browser
 * asks for it. The token is compared in constant time.
 */
final class StatusPage extends Handler.Wrapper {
    static final String PAGE_PATH = "/admin/status";
    static final String JSON_PATH = "/admin/status.json";
    /** The page's own files, beside this class in the jar. */
    private static final String PAGE_RESOURCES = "dev/midasbridge/gateway/status/";

    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Secret token;
    private final StatusSampler sampler;

    StatusPage(Secret token, StatusSampler sampler, Handler adminApi) {
        super(new Handler.Sequence(assets(), adminApi));
        this.token = token;
        this.sampler = sampler;
    }

    /** {@code /admin/status/*}: the page's files and uPlot's, served by Jetty from the classpath. */
    private static Handler assets() {
        ContextHandler context = new ContextHandler(PAGE_PATH);
        ResourceFactory resources = ResourceFactory.of(context);
        Resource page = folderOf(resources, PAGE_RESOURCES + "index.html");
        Resource uplot = folderOf(resources, uplotDist() + "uPlot.iife.min.js");
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.combine(page, uplot));
        files.setDirAllowed(false);
        files.setWelcomeFiles("index.html");
        files.setWelcomeMode(ResourceService.WelcomeMode.SERVE);
        files.setCacheControl("no-cache");
        context.setHandler(files);
        return context;
    }

    /**
     * The folder holding the classpath resource {@code file}, in a jar or not (a jar need not list folders as
     * entries: the webjar does not list {@code dist/}).
     */
    private static Resource folderOf(ResourceFactory resources, String file) {
        java.net.URL url = StatusPage.class.getClassLoader().getResource(file);
        if (url == null) {
            throw new IllegalStateException("the status page's " + file + " is missing from the classpath");
        }
        String u = url.toString();
        Resource folder = resources.newResource(java.net.URI.create(u.substring(0, u.lastIndexOf('/') + 1)));
        if (folder == null || !folder.exists()) {
            throw new IllegalStateException("the status page's files cannot be read from " + u);
        }
        return folder;
    }

    /** Where the uPlot webjar keeps its build, named by the webjar's own version (one pin: the parent pom). */
    static String uplotDist() {
        Properties p = new Properties();
        try (InputStream in = StatusPage.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the uPlot webjar is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the uPlot webjar's version: " + e.getMessage(), e);
        }
        return "META-INF/resources/webjars/uplot/" + p.getProperty("version") + "/dist/";
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Optional.ofNullable(request.getHttpURI().getPath()).orElse("/");
        boolean json = path.equals(JSON_PATH);
        if (!json && !path.equals(PAGE_PATH) && !path.startsWith(PAGE_PATH + "/")) {
            return super.handle(request, response, callback);
        }
        if (!authorized(request)) {
            response.getHeaders().put("WWW-Authenticate", "Basic realm=\"midas-bridge admin\", charset=\"UTF-8\"");
            Http.json(
                    response,
                    callback,
                    401,
                    Map.of("error", "missing or wrong admin token (Bearer, or Basic with the token as password)"),
                    Optional.empty());
            return true;
        }
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            Http.json(response, callback, 405, Map.of("error", "the status page is read with GET"), Optional.empty());
            return true;
        }
        response.getHeaders().put("Cache-Control", "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Content-Security-Policy", CSP);
        if (json) {
            Http.json(response, callback, 200, sampler.snapshot(), Optional.empty());
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** The admin token as a bearer token, or as the password of HTTP Basic; compared in constant time. */
    private boolean authorized(Request request) {
        String auth = Http.header(request, "Authorization").orElse("");
        String given = "";
        if (auth.startsWith("Bearer ")) {
            given = auth.substring(7).strip();
        } else if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair =
                        new String(Base64.getDecoder().decode(auth.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                given = colon < 0 ? "" : pair.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                given = "";
            }
        }
        return !given.isEmpty() && ConstantTime.equals(given, token.reveal());
    }
}
