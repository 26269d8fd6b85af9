package org.caseexchange.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.web.account.Accounts;
import org.caseexchange.gateway.web.account.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every request mapping of the application, asked by every role and by nobody signed in, gets what
 * {@link Permissions} says: the page (or the API's own answer), 401 from the API or the sign-in page
 * for nobody, 403 and an ACCESS_DENIED entry for a role the rule does not list. The mappings come from
 * the application itself, so an endpoint added without a rule fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixTest extends EmbeddedGatewayTest {

    static final String PASSWORD = "matrix password long enough";

    /** An endpoint as a request: the method, a concrete path for its pattern. */
    record Endpoint(HttpMethod method, String pattern, String path) {
        boolean api() {
            return path.startsWith("/api/");
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    void oneAccountPerRole() {
        for (Role role : Role.values()) {
            accounts.put(user(role), EnumSet.of(role), PASSWORD.toCharArray(), Instant.now());
        }
    }

    static String user(Role role) {
        return "matrix-" + role.name().toLowerCase();
    }

    List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                String path = pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                if (methods.isEmpty()) {
                    endpoints.add(new Endpoint(HttpMethod.GET, pattern, path));
                }
                for (RequestMethod method : methods) {
                    endpoints.add(new Endpoint(HttpMethod.valueOf(method.name()), pattern, path));
                }
            }
        }
        return endpoints;
    }

    static Optional<Permissions.Rule> ruleFor(Endpoint endpoint) {
        return Permissions.rules().stream()
                .filter(rule -> rule.method() == null || rule.method().equals(endpoint.method()))
                .filter(rule -> PathPatternParser.defaultInstance
                        .parse(rule.pattern())
                        .matches(PathContainer.parsePath(endpoint.path())))
                .findFirst();
    }

    @Test
    void everyEndpointOfTheApplicationHasARule() {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("the console's own endpoints are found").hasSizeGreaterThan(20);
        assertThat(endpoints)
                .as("endpoints without a rule in Permissions")
                .filteredOn(endpoint -> ruleFor(endpoint).isEmpty())
                .isEmpty();
    }

    @Test
    void everyRoleAndNobodyGetExactlyWhatTheMatrixSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        ConsoleClient nobody = new ConsoleClient(base());
        // With a CSRF token of its own, so that what refuses it is the sign-in, not the missing token.
        nobody.visit();
        Map<Role, ConsoleClient> signedIn = new java.util.EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            ConsoleClient client = new ConsoleClient(base());
            assertThat(client.signIn(user(role), PASSWORD).headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).doesNotContain("failed"));
            signedIn.put(role, client);
        }
        for (Endpoint endpoint : endpoints()) {
            Permissions.Rule rule = ruleFor(endpoint).orElseThrow();
            HttpResponse<String> anonymous = call(nobody, endpoint);
            if (!rule.allows(Set.of(), false)) {
                boolean refused = endpoint.api()
                        ? anonymous.statusCode() == 401
                        : anonymous.statusCode() == 302
                                && anonymous
                                        .headers()
                                        .firstValue("Location")
                                        .orElse("")
                                        .endsWith("/signin");
                if (!refused) {
                    wrong.add("nobody " + endpoint + " got " + anonymous.statusCode());
                }
            } else if (deniedOrSignIn(anonymous)) {
                wrong.add("nobody " + endpoint + " was refused with " + anonymous.statusCode());
            }
            for (Role role : Role.values()) {
                long deniedBefore = denied(user(role));
                HttpResponse<String> answer = call(signedIn.get(role), endpoint);
                if (rule.allows(Set.of(role), true)) {
                    if (deniedOrSignIn(answer)) {
                        wrong.add(role + " " + endpoint + " was refused with " + answer.statusCode());
                    }
                } else if (answer.statusCode() != 403) {
                    wrong.add(role + " " + endpoint + " got " + answer.statusCode() + " instead of 403");
                } else if (denied(user(role)) != deniedBefore + 1) {
                    wrong.add(role + " " + endpoint + ": 403 without its ACCESS_DENIED entry");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aStateChangingRequestWithoutItsCsrfTokenIsRefusedAndRecorded() throws Exception {
        ConsoleClient officer = new ConsoleClient(base());
        officer.signIn(user(Role.OFFICER), PASSWORD);
        long before = denied(user(Role.OFFICER));

        HttpResponse<String> answer = officer.formWithout(
                "/reviews/" + UUID.randomUUID() + "/proposal",
                Map.of("verdict", "refuse", "refusal", "NO_RELEASABLE_RECORD", "justification", "forged"));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("CSRF");
        assertThat(denied(user(Role.OFFICER))).isEqualTo(before + 1);
    }

    @Test
    void anApiBodyNamingAFieldTheCallerMayNotSetIsABadRequest() throws Exception {
        ConsoleClient officer = new ConsoleClient(base());
        officer.signIn(user(Role.OFFICER), PASSWORD);
        for (String field : List.of("decision", "status", "auditId")) {
            HttpResponse<String> answer = officer.json(
                    "/api/reviews/" + UUID.randomUUID() + "/proposal",
                    "{\"refuse\":\"NO_RELEASABLE_RECORD\",\"justification\":\"x\",\"" + field + "\":\"ALLOW\"}");
            assertThat(answer.statusCode()).as(field).isEqualTo(400);
            assertThat(answer.body()).contains("bad-request");
        }
    }

    @Test
    void aPathNoRuleNamesIsDeniedToEveryone() throws Exception {
        ConsoleClient auditor = new ConsoleClient(base());
        auditor.signIn(user(Role.AUDITOR), PASSWORD);
        assertThat(auditor.get("/internal/anything").statusCode()).isEqualTo(403);
    }

    @Test
    void theBrowsersProtectionsAreOnEveryPage() throws Exception {
        HttpResponse<String> signIn = new ConsoleClient(base()).get("/signin");
        assertThat(signIn.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("default-src 'none'")
                        .contains("script-src 'self'")
                        .contains("frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline"));
        assertThat(signIn.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(signIn.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(signIn.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void signingInGivesANewSessionAndSigningOutEndsIt() throws Exception {
        ConsoleClient client = new ConsoleClient(base());
        HttpResponse<String> before = client.get("/signin");
        String anonymousSession = session(before).orElse("");
        HttpResponse<String> signedIn = client.signIn(user(Role.AUDITOR), PASSWORD);
        assertThat(session(signedIn)).hasValueSatisfying(id -> assertThat(id).isNotEqualTo(anonymousSession));
        assertThat(client.get("/audit").statusCode()).isEqualTo(200);

        assertThat(client.form("/signout", Map.of()).statusCode()).isEqualTo(302);
        assertThat(client.get("/audit").statusCode()).as("the session is over").isEqualTo(302);
    }

    private static Optional<String> session(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID="))
                .map(cookie -> cookie.substring("JSESSIONID=".length(), cookie.indexOf(';')))
                .findFirst();
    }

    private static boolean deniedOrSignIn(HttpResponse<String> answer) {
        return answer.statusCode() == 401
                || answer.statusCode() == 403
                || (answer.statusCode() == 302
                        && answer.headers().firstValue("Location").orElse("").endsWith("/signin"));
    }

    private static HttpResponse<String> call(ConsoleClient client, Endpoint endpoint) throws Exception {
        if (endpoint.method() == HttpMethod.GET) {
            return client.get(endpoint.path());
        }
        return endpoint.api() ? client.json(endpoint.path(), "{}") : client.form(endpoint.path(), Map.of());
    }

    private long denied(String actor) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_entry WHERE event = 'ACCESS_DENIED' AND actor = ?", Long.class, actor);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
