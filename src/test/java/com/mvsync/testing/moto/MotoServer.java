package com.mvsync.testing.moto;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A moto server (AWS service mock, used here for DynamoDB) shared by the whole test JVM.
 * <p>
 * {@link #shared()} starts {@code moto_server -H 127.0.0.1 -p <free port>} once (falling back to
 * {@code python3 -m moto.server} when {@code moto_server} is not on {@code PATH}), waits until it answers HTTP, and
 * stops it with a JVM shutdown hook. Its output goes to {@code target/moto-server-<port>.log}.
 * <p>
 * When the environment variable {@code DYNAMODB_ENDPOINT} is set, nothing is started and that endpoint is used as
 * is (for instance a moto or DynamoDB Local that CI or a developer already runs); {@link #reset()} then does
 * nothing, so a server that is not ours is never wiped.
 */
public final class MotoServer {

    /** Environment variable naming an already running endpoint; when set, no server is started. */
    public static final String ENDPOINT_ENV = "DYNAMODB_ENDPOINT";

    private static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final int START_ATTEMPTS = 3; // the free port can be taken between probing and binding
    private static final int LOG_TAIL_LINES = 40;

    private static MotoServer shared;
    private static RuntimeException startFailure; // remembered, so later tests fail fast instead of waiting again

    private final String endpoint;
    private final Process process; // null when the endpoint came from DYNAMODB_ENDPOINT
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private MotoServer(String endpoint, Process process, Path logFile) {
        this.endpoint = endpoint;
        this.process = process;
        this.logFile = logFile;
    }

    /** The JVM-wide server, started on first use. */
    public static synchronized MotoServer shared() {
        if (shared == null) {
            if (startFailure != null) {
                throw new IllegalStateException("moto server failed to start earlier in this JVM: "
                        + startFailure.getMessage(), startFailure);
            }
            try {
                shared = create();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /**
     * Stops the server this class started (not one named by {@code DYNAMODB_ENDPOINT}); the next {@link #shared()}
     * starts a fresh one. Quarkus loads test classes anew for every application it starts (one per test profile),
     * so without this every profile would leave a moto process behind until the JVM exits, each holding its memory.
     */
    public static synchronized void stopShared() {
        if (shared != null && shared.startedHere()) {
            shared.stop();
        }
        shared = null;
    }

    /** Base URL such as {@code http://127.0.0.1:43117} (no trailing slash). */
    public String endpoint() {
        return endpoint;
    }

    /** Whether this JVM started the server (false when {@code DYNAMODB_ENDPOINT} was used). */
    public boolean startedHere() {
        return process != null;
    }

    /**
     * Drops all state (tables and items) of a server started here, via moto's {@code POST /moto-api/reset}. Does
     * nothing for an external {@code DYNAMODB_ENDPOINT}.
     */
    public void reset() {
        if (process == null) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/moto-api/reset"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("moto reset at " + endpoint + " answered HTTP "
                        + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("moto reset at " + endpoint + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting moto", e);
        }
    }

    @Override
    public String toString() {
        return "MotoServer[" + endpoint + (process == null ? ", external" : ", pid " + process.pid()) + "]";
    }

    private static MotoServer create() {
        String external = System.getenv(ENDPOINT_ENV);
        if (external != null && !external.isBlank()) {
            String url = external.strip();
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            return new MotoServer(url, null, null);
        }
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                int port = freePort();
                try {
                    return start(port, serializedCommand(port));
                } catch (PortTakenException e) {
                    throw e;
                } catch (IllegalStateException e) {
                    // No Python that imports moto (moto_server installed on its own, e.g. with pipx): run it as is.
                    return start(port, command(port));
                }
            } catch (PortTakenException e) {
                last = e; // another process grabbed the port: try a new one
            }
        }
        throw last;
    }

    /**
     * {@code moto_server.py} from the test resources: moto's server with one request handled at a time (moto's
     * DynamoDB is not safe for concurrent requests) and TransactWriteItems undone by item instead of by copying whole
     * tables (its cost grew with the table, up to 0.3 s a commit and gigabytes of memory in a long run). Why, and what
     * it keeps identical, is in the script. It is copied next to the server's log, because the classpath may be a jar.
     */
    private static List<String> serializedCommand(int port) {
        Path script = Path.of(System.getProperty("user.dir"), "target", "moto-server-" + port + ".py");
        try (var in = MotoServer.class.getResourceAsStream("/moto/moto_server.py")) {
            if (in == null) {
                throw new IllegalStateException("moto/moto_server.py is missing from the test resources");
            }
            Files.createDirectories(script.getParent());
            Files.write(script, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + script, e);
        }
        return List.of(onPath("python3") ? "python3" : "python", script.toString(), "-H", HOST, "-p",
                Integer.toString(port));
    }

    private static MotoServer start(int port, List<String> command) {
        Path logDir = Path.of(System.getProperty("user.dir"), "target");
        Path logFile = logDir.resolve("moto-server-" + port + ".log");
        Process process;
        try {
            Files.createDirectories(logDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())));
            builder.environment().put("PYTHONUNBUFFERED", "1");
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + String.join(" ", command)
                    + ": moto_server is required (pip install 'moto[server]')", e);
        }
        MotoServer server = new MotoServer("http://" + HOST + ":" + port, process, logFile);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "moto-server-shutdown"));
        server.awaitReady(command);
        return server;
    }

    private static List<String> command(int port) {
        List<String> command = new ArrayList<>();
        if (onPath("moto_server")) {
            command.add("moto_server");
        } else {
            command.add(onPath("python3") ? "python3" : "python");
            command.add("-m");
            command.add("moto.server");
        }
        command.add("-H");
        command.add(HOST);
        command.add("-p");
        command.add(Integer.toString(port));
        return command;
    }

    private void awaitReady(List<String> command) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        while (true) {
            if (!process.isAlive()) {
                String tail = logTail();
                String message = "moto server (" + String.join(" ", command) + ") exited with code "
                        + process.exitValue() + " before answering on " + endpoint + "; output (" + logFile
                        + "):\n" + tail;
                if (tail.contains("Address already in use")) {
                    throw new PortTakenException(message);
                }
                throw new IllegalStateException(message
                        + "\nmoto_server is required (pip install 'moto[server]')");
            }
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return; // any HTTP answer means it is serving
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while waiting for moto server", e);
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("moto server (" + String.join(" ", command)
                        + ") did not answer HTTP on " + endpoint + " within " + STARTUP_TIMEOUT.toSeconds()
                        + " s; output (" + logFile + "):\n" + logTail());
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while waiting for moto server", e);
            }
        }
    }

    private void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        // moto_server may be a wrapper script (pyenv shim) with the Python server as a child: stop them all.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private String logTail() {
        if (logFile == null || !Files.exists(logFile)) {
            return "(no output)";
        }
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return tail.isEmpty() ? "(no output)" : String.join("\n", tail);
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + logFile + ": " + e + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
                return true;
            }
        }
        return false;
    }

    private static String nullDevice() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows") ? "NUL" : "/dev/null";
    }

    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String message) {
            super(message);
        }
    }
}
