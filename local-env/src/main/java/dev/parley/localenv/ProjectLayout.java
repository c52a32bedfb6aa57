package dev.parley.localenv;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where local-env finds things in a Parley checkout. The root is the directory holding
 * {@code cdk.json} (or, before the CDK app exists, the parent pom with a {@code local-env}
 * module), found by walking up from the working directory, so the main and the tests work
 * from the root as well as from {@code local-env/}.
 */
public record ProjectLayout(Path root) {

    public static ProjectLayout find() {
        return find(Path.of("").toAbsolutePath());
    }

    public static ProjectLayout find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("cdk.json"))
                    || (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("local-env")))) {
                return new ProjectLayout(dir);
            }
        }
        throw new IllegalStateException("Cannot find the Parley repository root (the directory with cdk.json) above " + start);
    }

    /** The synthesized CDK template, unless the system property {@code parley.template} names another. */
    public Path template() {
        String override = System.getProperty("parley.template");
        return override == null || override.isBlank()
                ? root.resolve("cdk.out").resolve("Parley.template.json")
                : Path.of(override).toAbsolutePath();
    }

    /** The Python of the project's virtual environment (created by ./parley with the pinned moto). */
    public Path venvPython() {
        Path unix = root.resolve(".venv").resolve("bin").resolve("python");
        Path windows = root.resolve(".venv").resolve("Scripts").resolve("python.exe");
        return Files.exists(unix) || !Files.exists(windows) ? unix : windows;
    }

    public Path motoLauncher() {
        return root.resolve("local-env").resolve("src").resolve("main").resolve("python").resolve("moto_serial.py");
    }

    /** local-env's build directory: endpoints.json and the moto log go here. */
    public Path localEnvTarget() {
        return root.resolve("local-env").resolve("target");
    }
}
