package io.classroom.vision.pipeline;

import nu.pattern.OpenCV;
import org.opencv.core.Core;

/** Loads OpenCV's native library once per JVM and pins its own thread pool to one thread per caller. */
public final class OpenCv {

    private static volatile boolean loaded;

    private OpenCv() {}

    public static void load() {
        if (loaded) {
            return;
        }
        synchronized (OpenCv.class) {
            if (!loaded) {
                OpenCV.loadLocally();
                // Parallelism comes from our workers; OpenCV's own threads would oversubscribe the cores.
                Core.setNumThreads(1);
                loaded = true;
            }
        }
    }
}
