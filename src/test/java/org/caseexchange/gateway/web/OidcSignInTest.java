package org.caseexchange.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.caseexchange.gateway.support.Browser;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.support.FreePort;
import org.caseexchange.testidp.OidcProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sign-in through the agency's identity provider: a real OpenID Connect provider in the test JVM, the
 * gateway configured with it as in docs/console.md, and Chromium going through the whole
 * authorization-code flow. The roles come from the ID token's claim; a value that is no console role
 * gives nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcSignInTest {

    OidcProvider provider;
    ConfigurableApplicationContext gateway;
    Browser browser;
    int port;

    @BeforeAll
    void providerAndGateway() {
        port = FreePort.any();
        provider = OidcProvider.start("http://127.0.0.1:" + port + "/login/oauth2/code/agency");
        Map<String, Object> settings = new LinkedHashMap<>(provider.gatewaySettings());
        // The provider knows the gateway's redirect URI, so the gateway takes the port chosen for it.
        settings.put("server.port", port);
        gateway = EmbeddedGatewayTest.startGateway(settings);
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.close();
        }
        gateway.close();
        provider.close();
    }

    @Test
    void anOfficerSignsInAtTheAgencyAndHoldsTheRolesItsIdTokenNames() {
        browser = new Browser("http://127.0.0.1:" + port);
        browser.open("/signin");
        browser.click("#signin-agency");
        assertThat(browser.driver().getCurrentUrl()).startsWith(provider.issuer());
        browser.type("#username", "idp-officer");
        browser.type("#password", OidcProvider.PASSWORD);
        browser.click("button[type=submit]");

        assertThat(browser.driver().getCurrentUrl()).startsWith("http://127.0.0.1:" + port + "/");
        assertThat(browser.text("#roles")).isEqualTo("OFFICER");
        browser.open("/reviews");
        assertThat(browser.path()).isEqualTo("/reviews");
        browser.open("/audit");
        assertThat(browser.driver().getPageSource()).contains("Not allowed");

        JdbcTemplate jdbc = gateway.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForList(
                        "SELECT event FROM audit_entry WHERE actor = 'idp-officer' ORDER BY seq", String.class))
                .containsSubsequence("LOGIN", "ACCESS_DENIED");
        browser.open("/");
        browser.signOut();
        browser.open("/reviews");
        assertThat(browser.path()).isEqualTo("/signin");
    }

    @Test
    void aRolesClaimValueThatIsNoConsoleRoleGivesNothing() {
        try (Browser another = new Browser("http://127.0.0.1:" + port)) {
            another.open("/signin");
            another.click("#signin-agency");
            another.type("#username", "idp-auditor");
            another.type("#password", OidcProvider.PASSWORD);
            another.click("button[type=submit]");
            assertThat(another.text("#roles")).isEqualTo("AUDITOR");
        }
    }
}
