package org.caseexchange.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A console user's session with a running gateway's API, as a script has it: signed in through the
 * sign-in form, its own cookies, the session's CSRF token on every state-changing request. A refusal is
 * a {@link Refused} that says what the operator can do about it, never the server's page.
 */
final class ConsoleApiClient {

    /** Why the gateway did not do what was asked, in words for the operator. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI console;
    private final HttpClient http;
    private JsonNode csrf;

    private ConsoleApiClient(URI console) {
        // Paths resolve under the console's own path, which may be below the server's root.
        this.console = console.getPath().endsWith("/") ? console : URI.create(console + "/");
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT)
                .build();
    }

    /** Signs in to the console at {@code console} as {@code user}; the password is not kept. */
    static ConsoleApiClient signIn(URI console, String user, char[] password) throws Refused {
        ConsoleApiClient client = new ConsoleApiClient(console);
        client.csrf = client.getJson("/api/session/csrf");
        String form = field("username", user) + "&" + field("password", new String(password)) + "&"
                + field(
                        client.csrf.path("parameter").asText(),
                        client.csrf.path("token").asText());
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(client.uri("/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || location.contains("failed") || location.endsWith("/signin")) {
            throw new Refused("sign-in refused: wrong user or password, or the account waits or is locked"
                    + " after failed sign-ins");
        }
        client.csrf = client.getJson("/api/session/csrf");
        return client;
    }

    JsonNode getJson(String path) throws Refused {
        return json(send(HttpRequest.newBuilder(uri(path)).GET()), path);
    }

    JsonNode postJson(String path) throws Refused {
        return json(
                send(HttpRequest.newBuilder(uri(path))
                        .header(csrf.path("header").asText(), csrf.path("token").asText())
                        .POST(HttpRequest.BodyPublishers.noBody())),
                path);
    }

    private JsonNode json(HttpResponse<String> answer, String path) throws Refused {
        switch (answer.statusCode()) {
            case 200 -> {
                try {
                    return JSON.readTree(answer.body());
                } catch (IOException e) {
                    throw new Refused(path + " did not answer JSON: is " + console + " the gateway's console?");
                }
            }
            case 401 -> throw new Refused("not signed in: the session ended");
            case 403 -> throw new Refused("refused: the account lacks the role this needs (OPERATOR)");
            default -> {
                String reason = "";
                try {
                    reason = JSON.readTree(answer.body()).path("reason").asText("");
                } catch (IOException notJson) {
                    // The status says enough.
                }
                throw new Refused(
                        answer.statusCode() == 409 && !reason.isEmpty()
                                ? "refused: " + reason
                                : path + " answered " + answer.statusCode());
            }
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Refused {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Refused("cannot reach the console at " + console + " ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
    }

    private URI uri(String path) {
        return console.resolve(path.substring(1));
    }

    private static String field(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
