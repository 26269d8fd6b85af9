package org.caseexchange.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCI image the build makes (target/jib-image.tar, docs/operations.md "The container image"), read
 * from its tar as a registry or a runtime would: a non-root user, the gateway's entrypoint on the
 * image's own Java runtime, its ports, volumes and labels; no shell, no example key; and, where this
 * machine may chroot, the entrypoint run inside the image's files as its user.
 */
class ContainerImageTest {

    static final Path IMAGE = Path.of("target/jib-image.tar");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static JsonNode config;
    static Path root;

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(IMAGE)
                .as("the build makes the image before the tests (./mvnw verify)")
                .exists();
        Path image = Files.createDirectories(work.resolve("image"));
        run(List.of("tar", "-xf", IMAGE.toAbsolutePath().toString(), "-C", image.toString()));
        JsonNode manifest =
                JSON.readTree(image.resolve("manifest.json").toFile()).get(0);
        config = JSON.readTree(image.resolve(manifest.get("Config").asText()).toFile())
                .get("config");
        root = Files.createDirectories(work.resolve("root"));
        for (JsonNode layer : manifest.get("Layers")) {
            run(List.of(
                    "tar",
                    "--warning=no-unknown-keyword",
                    "--no-same-owner",
                    "-p",
                    "-xzf",
                    image.resolve(layer.asText()).toString(),
                    "-C",
                    root.toString()));
        }
    }

    @Test
    void runsAsItsOwnUserWithTheGatewaysEntrypointPortsVolumesAndLabels() throws IOException {
        assertThat(config.path("User").asText()).as("not root").isEqualTo("65532:65532");
        assertThat(Files.readString(root.resolve("etc/passwd")))
                .contains("gateway:x:65532:65532:gateway:/data:/sbin/nologin");

        List<String> entrypoint = strings(config.path("Entrypoint"));
        assertThat(entrypoint.get(0)).isEqualTo("/opt/java/bin/java");
        assertThat(entrypoint).endsWith("org.caseexchange.gateway.GatewayApplication");

        List<String> ports = new ArrayList<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertThat(ports).containsExactlyInAnyOrder("8080/tcp", "5672/tcp", "61613/tcp", "61616/tcp", "61617/tcp");

        List<String> volumes = new ArrayList<>();
        config.path("Volumes").fieldNames().forEachRemaining(volumes::add);
        assertThat(volumes).as("read-only but for these").containsExactlyInAnyOrder("/data", "/tmp");
        assertThat(strings(config.path("Env"))).contains("GATEWAY_DATA_DIR=/data", "SERVER_ADDRESS=0.0.0.0");

        Properties build = properties("target/classes/META-INF/build-info.properties");
        Properties git = properties("target/classes/git.properties");
        JsonNode labels = config.path("Labels");
        assertThat(labels.path("org.opencontainers.image.version").asText())
                .isEqualTo(build.getProperty("build.version"));
        assertThat(labels.path("org.opencontainers.image.revision").asText())
                .isEqualTo(git.getProperty("git.commit.id.full", "unknown"));
        assertThat(labels.path("org.opencontainers.image.title").asText()).isNotBlank();
    }

    @Test
    void holdsItsJavaRuntimeAndNoShellNoExampleKey() throws IOException {
        assertThat(Files.getPosixFilePermissions(root.resolve("opt/java/bin/java")))
                .contains(PosixFilePermission.OTHERS_EXECUTE);
        assertThat(root.resolve("lib64/ld-linux-x86-64.so.2")).exists();
        assertThat(root.resolve("app/jib-classpath-file")).exists();
        assertThat(root.resolve("bin/sh")).as("no shell").doesNotExist();
        try (var files = Files.walk(root)) {
            assertThat(files.map(root::relativize).map(Path::toString))
                    .as("no example key or password")
                    .noneMatch(file -> file.contains("certs-example")
                            || file.endsWith(".p12")
                            || file.endsWith(".password")
                            || file.endsWith(".key"));
        }
    }

    /**
     * The image's entrypoint, run as its user inside the image's files, with /proc as a runtime gives
     * it. Needs root for chroot; elsewhere the test is skipped and the configuration checks above stand.
     */
    @Test
    void itsEntrypointRunsOnTheImagesOwnRuntime() throws Exception {
        Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")) && mayUnshareAndChroot(),
                "a mount namespace and chroot need root with CAP_SYS_ADMIN and CAP_SYS_CHROOT: the image is not"
                        + " run here");
        List<String> command = new ArrayList<>(List.of(
                "unshare",
                "--mount",
                "--fork",
                "sh",
                "-c",
                "mount -t proc proc \"$0/proc\" && exec chroot --userspec=65532:65532 \"$@\"",
                root.toString(),
                root.toString()));
        Files.createDirectories(root.resolve("proc"));
        command.addAll(strings(config.path("Entrypoint")));
        command.add("--version");

        String out = run(command);

        assertThat(out).startsWith("case-exchange-gateway ").contains("built ");
    }

    /** Whether this machine lets the tests make a mount namespace and chroot, as a container runtime does. */
    private static boolean mayUnshareAndChroot() throws IOException, InterruptedException {
        Process probe = new ProcessBuilder("unshare", "--mount", "--fork", "chroot", "/", "true")
                .redirectErrorStream(true)
                .start();
        probe.getInputStream().readAllBytes();
        return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Properties properties(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            properties.load(in);
        }
        return properties;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + "\n" + out)
                .isZero();
        return out;
    }
}
