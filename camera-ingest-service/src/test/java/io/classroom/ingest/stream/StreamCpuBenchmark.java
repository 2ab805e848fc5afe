package io.classroom.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.ingest.Frame;
import io.classroom.ingest.config.IngestConfig;
import io.classroom.ingest.security.AllowedNetworks;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CPU cost of one camera stream (ffmpeg child + this JVM relaying RTSP, reading, splitting and publishing to Kafka)
 * against the local test camera, at 1 and 5 fps analysis rate, 640x360 JPEG. Run on demand:
 * {@code ./mvnw -pl camera-ingest-service test -Dtest=StreamCpuBenchmark -Dgroups=benchmark -DexcludedGroups=}.
 * Frames go to a separate topic so no vision replica analyses them.
 */
@Tag("benchmark")
class StreamCpuBenchmark {

    private static final String URL = "rtsp://127.0.0.1:8554/classroom";
    private static final Duration WINDOW = Duration.ofSeconds(25);
    /** USER_HZ on Linux x86-64: /proc/<pid>/stat counts CPU time in 1/100 s. */
    private static final double TICKS_PER_SECOND = 100;

    @Test
    void cpuPerStreamAtOneAndFiveFps() throws Exception {
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                "bootstrap.servers",
                "127.0.0.1:9092",
                "key.serializer",
                StringSerializer.class.getName(),
                "value.serializer",
                ByteArraySerializer.class.getName(),
                "linger.ms",
                5))) {
            FrameSink sink = frame -> send(producer, frame);
            for (double fps : new double[] {1, 5}) {
                measure(fps, sink);
            }
        }
    }

    private static CompletableFuture<Void> send(KafkaProducer<String, byte[]> producer, Frame frame) {
        var done = new CompletableFuture<Void>();
        producer.send(new ProducerRecord<>("ingest.frames.benchmark", frame.sourceId(), frame.jpeg()), (m, e) -> {
            if (e == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private static void measure(double fps, FrameSink sink) throws Exception {
        var spec = new StreamSpec(
                UUID.randomUUID(),
                "benchmark",
                null,
                "benchmark",
                null,
                URL,
                null,
                true,
                fps,
                640,
                360,
                80,
                Instant.now());
        var connector = new CameraConnector(
                AllowedNetworks.of(List.of("127.0.0.1/32")), InetAddress::getAllByName, SSLContext.getDefault());
        var worker = new StreamWorker(spec, connector, "benchmark", new BenchmarkConfig(), sink, w -> {});
        worker.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> worker.published() >= 2);
            var process = worker.process();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long ffmpegStart = cpuTicks(process.pid());
            long jvmStart = os.getProcessCpuTime();
            long framesStart = worker.published();
            long wallStart = System.nanoTime();
            TimeUnit.MILLISECONDS.sleep(WINDOW.toMillis());
            long wall = System.nanoTime() - wallStart;
            assertThat(worker.process().pid())
                    .as("ffmpeg restarted during the window")
                    .isEqualTo(process.pid());
            double ffmpegCpu = (cpuTicks(process.pid()) - ffmpegStart) / TICKS_PER_SECOND;
            double jvmCpu = (os.getProcessCpuTime() - jvmStart) / 1e9;
            double seconds = wall / 1e9;
            long frames = worker.published() - framesStart;
            System.out.printf(
                    "BENCHMARK fps=%.0f 640x360: %d frames in %.1f s (%.2f fps); ffmpeg %.1f%% of a core,"
                            + " JVM %.1f%% of a core, total %.1f%% of a core%n",
                    fps,
                    frames,
                    seconds,
                    frames / seconds,
                    100 * ffmpegCpu / seconds,
                    100 * jvmCpu / seconds,
                    100 * (ffmpegCpu + jvmCpu) / seconds);
            assertThat(frames).isPositive();
        } finally {
            worker.stop();
        }
    }

    /** utime + stime of a process in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
    private static long cpuTicks(long pid) throws Exception {
        var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) fields[12].
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static final class BenchmarkConfig implements IngestConfig.Stream {
        @Override
        public String ffmpegPath() {
            return "ffmpeg";
        }

        @Override
        public String ffprobePath() {
            return "ffprobe";
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(15);
        }

        @Override
        public Duration noFrameTimeout() {
            return Duration.ofSeconds(10);
        }

        @Override
        public Duration backoffInitial() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration backoffMax() {
            return Duration.ofSeconds(5);
        }

        @Override
        public int maxFrameBytes() {
            return 921_600;
        }

        @Override
        public int maxInFlight() {
            return 4;
        }

        @Override
        public Duration statusTtl() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration probeTimeout() {
            return Duration.ofSeconds(10);
        }
    }
}
