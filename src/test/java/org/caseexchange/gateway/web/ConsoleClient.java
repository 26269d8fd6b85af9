package org.caseexchange.gateway.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One console user over plain HTTP: their own cookies, signed in through the real sign-in form, with
 * the CSRF token a page gave them. Redirects are not followed, so a test sees each answer as sent.
 */
final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;
    private String csrf;

    ConsoleClient(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Signs in; returns the status of the sign-in form's answer (302 to / when it worked). */
    HttpResponse<String> signIn(String username, String password) throws IOException, InterruptedException {
        csrfFrom(get("/signin"));
        HttpResponse<String> signedIn = form("/signin", Map.of("username", username, "password", password));
        if (signedIn.statusCode() == 302
                && !signedIn.headers().firstValue("Location").orElse("").contains("failed")) {
            csrfFrom(get("/"));
        }
        return signedIn;
    }

    /** Opens the sign-in page without signing in: an anonymous session with its CSRF token. */
    void visit() throws IOException, InterruptedException {
        csrfFrom(get("/signin"));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form post with the session's CSRF token. */
    HttpResponse<String> form(String path, Map<String, String> fields) throws IOException, InterruptedException {
        return formWithout(path, withCsrf(fields));
    }

    /** A form post exactly as given: no CSRF token unless the fields hold one. */
    HttpResponse<String> formWithout(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON post to the API with the session's CSRF token in its header. */
    HttpResponse<String> json(String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (csrf != null) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, String> withCsrf(Map<String, String> fields) {
        Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        return all;
    }

    private void csrfFrom(HttpResponse<String> page) {
        Matcher found = CSRF.matcher(page.body());
        if (found.find()) {
            csrf = found.group(1);
        }
    }
}
