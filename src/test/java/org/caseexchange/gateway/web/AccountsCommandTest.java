package org.caseexchange.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.caseexchange.gateway.web.account.AccountsCommand;
import org.junit.jupiter.api.Test;

/**
 * The operator's {@code accounts} command against a gateway's own (stopped) embedded database: it
 * creates accounts with Argon2id hashes and roles, records each change in the audit chain, refuses
 * what may not be used, and lists what exists.
 */
class AccountsCommandTest {

    @Test
    void anOperatorCreatesAnAccountWhosePasswordIsKeptOnlyAsAnArgon2Hash() throws Exception {
        String data = EmbeddedGatewayTest.newDataDirectory();
        Path password =
                Files.writeString(Files.createTempFile(Path.of(data), "password", ".txt"), "a long enough secret\n");

        Run added = run(
                "add",
                "alice",
                "--role",
                "OFFICER",
                "--role",
                "SUPERVISOR",
                "--password-file",
                password.toString(),
                "--gateway.data-dir=" + data);
        Run listed = run("list", "--gateway.data-dir=" + data);

        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).contains("created alice with [OFFICER, SUPERVISOR]");
        assertThat(listed.out()).contains("alice [OFFICER, SUPERVISOR]");
        EmbeddedGatewayTest.asOwnerWhileStopped(data, jdbc -> {
            Map<String, Object> row = jdbc.queryForMap("SELECT * FROM console_account WHERE username = 'alice'");
            assertThat((String) row.get("password_hash"))
                    .startsWith("{argon2@SpringSecurity_v5_8}$argon2id$")
                    .doesNotContain("a long enough secret");
            assertThat(jdbc.queryForList("SELECT actor FROM audit_entry WHERE event = 'ACCOUNT_CHANGED'", String.class))
                    .containsExactly("alice");
        });
    }

    @Test
    void aShortPasswordAnUnknownRoleAndAMissingPasswordAreRefused() throws Exception {
        String data = EmbeddedGatewayTest.newDataDirectory();
        Path shortPassword = Files.writeString(Files.createTempFile(Path.of(data), "password", ".txt"), "short\n");

        Run tooShort = run(
                "add",
                "bob",
                "--role",
                "AUDITOR",
                "--password-file",
                shortPassword.toString(),
                "--gateway.data-dir=" + data);
        Run noSuchRole = run("add", "bob", "--role", "ADMIN", "--password-file", shortPassword.toString());
        Run noTerminal = run("add", "bob", "--role", "AUDITOR", "--gateway.data-dir=" + data);

        assertThat(tooShort.code()).isEqualTo(1);
        assertThat(tooShort.err()).contains("a password has at least 12 characters");
        assertThat(noSuchRole.code()).isEqualTo(2);
        assertThat(noSuchRole.err()).contains("ADMIN");
        assertThat(noTerminal.code()).isEqualTo(1);
        assertThat(noTerminal.err()).contains("--password-file");
    }

    record Run(int code, String out, String err) {}

    private static Run run(String... arguments) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            int code = AccountsCommand.run(List.of(arguments).toArray(String[]::new));
            return new Run(
                    code, capturedOut.toString(StandardCharsets.UTF_8), capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
