package org.caseexchange.gateway.web.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.caseexchange.gateway.database.Timestamps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The console's local accounts, in the gateway's database. */
public class Accounts {

    /** What a user name may be: it is an actor in the audit log, so plain and short. */
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    /** Shorter passwords are refused (NIST SP 800-63B asks at least 8; an agency's policy usually more). */
    public static final int MIN_PASSWORD = 12;

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;

    public Accounts(JdbcTemplate jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    /**
     * Creates the account, or gives an existing one these roles and this password (and unlocks it).
     *
     * @return true when the account is new
     * @throws IllegalArgumentException for a user name or password that may not be used
     */
    public boolean put(String username, Set<Role> roles, char[] password, Instant now) {
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException(
                    "a user name is 2 to 64 lower-case letters, digits, dots, dashes or underscores");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("an account needs at least one role");
        }
        if (password.length < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD + " characters");
        }
        String hash = encoder.encode(java.nio.CharBuffer.wrap(password));
        String joined = roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        int updated = jdbc.update(
                "UPDATE console_account SET password_hash = ?, roles = ?, failed_sign_ins = 0, locked_until = NULL"
                        + " WHERE username = ?",
                hash,
                joined,
                username);
        if (updated == 1) {
            return false;
        }
        jdbc.update(
                "INSERT INTO console_account (username, password_hash, roles, created_at) VALUES (?, ?, ?, ?)",
                username,
                hash,
                joined,
                Timestamps.utc(now));
        return true;
    }

    public Optional<Account> find(String username) {
        return jdbc.query("SELECT * FROM console_account WHERE username = ?", Accounts::account, username).stream()
                .findFirst();
    }

    public List<Account> all() {
        return jdbc.query("SELECT * FROM console_account ORDER BY username", Accounts::account);
    }

    /** Counts a failed sign-in and sets the lock the policy gives; returns the account as it now stands. */
    public Optional<Account> failed(String username, SignInPolicy policy, Instant now) {
        jdbc.update("UPDATE console_account SET failed_sign_ins = failed_sign_ins + 1 WHERE username = ?", username);
        return find(username).map(account -> {
            Instant until = policy.lockedUntil(account.failedSignIns(), now);
            jdbc.update(
                    "UPDATE console_account SET locked_until = ? WHERE username = ?",
                    until == null ? null : Timestamps.utc(until),
                    username);
            return new Account(
                    account.username(), account.passwordHash(), account.roles(), account.failedSignIns(), until);
        });
    }

    public void succeeded(String username) {
        jdbc.update(
                "UPDATE console_account SET failed_sign_ins = 0, locked_until = NULL WHERE username = ?"
                        + " AND (failed_sign_ins <> 0 OR locked_until IS NOT NULL)",
                username);
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        Set<Role> roles = Arrays.stream(rs.getString("roles").split(","))
                .map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        Timestamp locked = rs.getTimestamp("locked_until");
        return new Account(
                rs.getString("username"),
                rs.getString("password_hash"),
                roles,
                rs.getInt("failed_sign_ins"),
                locked == null ? null : locked.toInstant());
    }
}
