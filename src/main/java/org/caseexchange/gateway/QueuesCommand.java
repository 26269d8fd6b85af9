package org.caseexchange.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code queues}: the embedded broker's queues with their depths and dead letters, or one queue
 * purged, through a running gateway's console API as an OPERATOR (docs/operations.md, "Inspecting and
 * purging a queue"). It goes through the gateway, not the broker's store, so that each message purged
 * is an audit entry, as from the console's page.
 */
@Command(
        name = "queues",
        mixinStandardHelpOptions = true,
        description = "Lists or purges the embedded broker's queues through the running gateway's console API,"
                + " signed in as an OPERATOR.",
        subcommands = {QueuesCommand.ListQueues.class, QueuesCommand.PurgeQueue.class})
final class QueuesCommand {

    /** Where the console is and who signs in. */
    static final class SignIn {

        @Option(
                names = "--console",
                defaultValue = "http://127.0.0.1:8080/",
                description = "the console's address (default: ${DEFAULT-VALUE})")
        URI console;

        @Option(names = "--user", required = true, description = "a console account holding OPERATOR")
        String user;

        @Option(
                names = "--password-file",
                description = "a file holding the account's password; without it, the password is asked for")
        Path passwordFile;

        ConsoleApiClient signIn() throws ConsoleApiClient.Refused, IOException {
            char[] password = password();
            try {
                return ConsoleApiClient.signIn(console, user, password);
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        private char[] password() throws IOException, ConsoleApiClient.Refused {
            if (passwordFile != null) {
                return Files.readString(passwordFile, StandardCharsets.UTF_8)
                        .strip()
                        .toCharArray();
            }
            Console terminal = System.console();
            if (terminal == null) {
                throw new ConsoleApiClient.Refused("no terminal to ask the password on: give --password-file");
            }
            char[] typed = terminal.readPassword("Password for %s: ", user);
            if (typed == null) {
                throw new ConsoleApiClient.Refused("no password given");
            }
            return typed;
        }
    }

    /** Runs one request of a subcommand; a refusal is printed and ends with exit code 1. */
    private static int run(CommandLine.Model.CommandSpec spec, Request request) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            request.run(spec.commandLine().getOut());
            return 0;
        } catch (ConsoleApiClient.Refused e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("cannot read the password file (" + e.getClass().getSimpleName() + ")");
            return 1;
        }
    }

    private interface Request {
        void run(PrintWriter out) throws ConsoleApiClient.Refused, IOException;
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Each queue with the messages it holds, then each dead letter by its reason code.")
    static final class ListQueues implements Callable<Integer> {

        @Mixin
        SignIn signIn;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, out -> {
                JsonNode overview = signIn.signIn().getJson("/api/operations/overview");
                out.printf("%-48s %10s%n", "queue", "messages");
                for (JsonNode queue : overview.path("queues")) {
                    out.printf(
                            "%-48s %10d%n",
                            queue.path("queue").asText(), queue.path("messages").asLong());
                }
                JsonNode deadLetters = overview.path("deadLetters");
                if (!deadLetters.isEmpty()) {
                    out.printf("%n%-48s %-36s %s%n", "dead letter in", "reason", "at");
                    for (JsonNode letter : deadLetters) {
                        out.printf(
                                "%-48s %-36s %s%n",
                                letter.path("queue").asText(),
                                letter.path("reasonCode").asText(),
                                letter.path("at").asText());
                    }
                }
            });
        }
    }

    @Command(
            name = "purge",
            mixinStandardHelpOptions = true,
            description = "Empties one queue (a partner's queue or a DLQ.) of the embedded broker; each message"
                    + " removed is an audit entry with its digest, the store and the other queues stay.")
    static final class PurgeQueue implements Callable<Integer> {

        @Mixin
        SignIn signIn;

        @Parameters(index = "0", paramLabel = "QUEUE", description = "the queue, named in full")
        String queue;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, out -> {
                JsonNode purged = signIn.signIn()
                        .postJson("/api/operations/queues/" + URLEncoder.encode(queue, StandardCharsets.UTF_8)
                                + "/purge");
                out.printf(
                        "%s: %d message(s) removed, each in the audit log%n",
                        purged.path("queue").asText(), purged.path("removed").asLong());
            });
        }
    }
}
