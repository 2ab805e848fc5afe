package io.classroom.ingest.stream;

import java.util.concurrent.TimeUnit;

/** Ends a child process and everything it spawned: no ffmpeg outlives its worker. */
public final class ChildProcesses {

    private ChildProcesses() {}

    public static void destroy(Process process) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
