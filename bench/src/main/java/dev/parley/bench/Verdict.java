package dev.parley.bench;

import java.util.List;

/**
 * What the targets add up to. "All targets met" only when every target ran and passed: a skipped
 * target is no evidence, so it fails the run too unless the user asked for a partial run.
 *
 * @param allowSkip {@code --allow-skip}: a run that skips targets (none failed) exits 0
 */
record Verdict(List<Targets.Check> checks, boolean allowSkip) {

    Verdict {
        checks = List.copyOf(checks);
    }

    long failed() {
        return count(Targets.Status.FAIL);
    }

    long skipped() {
        return count(Targets.Status.SKIPPED);
    }

    boolean allMet() {
        return !checks.isEmpty() && failed() == 0 && skipped() == 0;
    }

    /** 0 when all targets were met, or only skipped ones were missing and the user allowed that; 1 otherwise. */
    int exitCode() {
        return !checks.isEmpty() && failed() == 0 && (skipped() == 0 || allowSkip) ? 0 : 1;
    }

    String summary() {
        if (allMet()) {
            return "All targets met.";
        }
        if (checks.isEmpty()) {
            return "No target was checked.";
        }
        if (failed() > 0) {
            return "%d of %d targets FAILED%s.".formatted(failed(), checks.size(),
                    skipped() > 0 ? ", %d SKIPPED".formatted(skipped()) : "");
        }
        return "%d of %d targets SKIPPED (not measured), the others met; %s".formatted(skipped(), checks.size(),
                allowSkip ? "exit 0 as --allow-skip asks." : "exit 1: measure them (see each SKIPPED line) or pass --allow-skip.");
    }

    private long count(Targets.Status status) {
        return checks.stream().filter(check -> check.status() == status).count();
    }
}
